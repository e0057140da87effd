# Run: UPSTREAM_URL=http://127.0.0.1:9000 python upstream-resilience.py --host=127.0.0.1 --port=8000
import asyncio
import os

from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential_jitter
from tornado.escape import json_decode
from tornado.httpclient import AsyncHTTPClient, HTTPClientError
from tornado.options import define, options, parse_command_line
from tornado.web import Application, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)
UPSTREAM_URL = os.environ["UPSTREAM_URL"]


def transient(exc: BaseException) -> bool:
    """Worth another attempt: a 502/503/504 answer, or a refused or dropped connection."""
    if isinstance(exc, HTTPClientError):
        return exc.code in (502, 503, 504)
    return isinstance(exc, ConnectionError)


# Three attempts at most, 0.1-0.2 s then 0.2-0.3 s apart (exponential backoff with jitter).
@retry(
    retry=retry_if_exception(transient),
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.1, max=1.0, jitter=0.1),
    reraise=True,
)
async def fetch_price() -> int:
    # AsyncHTTPClient() returns the same client (and connection limits) for the whole IOLoop.
    response = await AsyncHTTPClient().fetch(f"{UPSTREAM_URL}/quote")
    return json_decode(response.body)["price"]


class QuoteHandler(RequestHandler):
    async def get(self):
        try:
            async with asyncio.timeout(2):  # the deadline covers every attempt and every pause
                price = await fetch_price()
        except TimeoutError:
            return self.answer(504, {"error": "upstream timed out"})
        except (HTTPClientError, OSError) as exc:  # refused, reset, or still failing after the last attempt
            return self.answer(502, {"error": f"upstream failed: {type(exc).__name__}"})
        self.write({"price": price})

    def answer(self, status: int, body: dict):
        self.set_status(status)
        self.write(body)


async def main():
    parse_command_line()
    app = Application([(r"/quote", QuoteHandler)])
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
