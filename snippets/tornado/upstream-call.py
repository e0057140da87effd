# Run: UPSTREAM_URL=http://127.0.0.1:9000 python upstream-call.py --host=127.0.0.1 --port=8000
import asyncio
import os

from tornado.escape import json_decode
from tornado.httpclient import AsyncHTTPClient, HTTPClientError
from tornado.options import define, options, parse_command_line
from tornado.simple_httpclient import HTTPTimeoutError
from tornado.web import Application, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)
UPSTREAM_URL = os.environ["UPSTREAM_URL"]


class QuoteHandler(RequestHandler):
    async def get(self):
        try:
            # AsyncHTTPClient() returns the same client (and connection limits) for the whole IOLoop.
            response = await AsyncHTTPClient().fetch(f"{UPSTREAM_URL}/quote", request_timeout=1)
        except HTTPTimeoutError:
            return self.answer(504, {"error": "upstream timed out"})
        except (HTTPClientError, OSError) as exc:  # a 5xx/4xx answer, or refused, reset
            return self.answer(502, {"error": f"upstream failed: {type(exc).__name__}"})
        self.write({"price": json_decode(response.body)["price"]})

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
