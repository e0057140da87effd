# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-resilience:app
import os

from blacksheep import Application, get, json
from blacksheep.client import ClientSession
from blacksheep.client.exceptions import ClientException
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential, wait_random

app = Application()


class BadAnswer(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"upstream answered {status}")
        self.status = status


def transient(exc: BaseException) -> bool:
    """Worth another attempt: a 502/503/504 answer, or a refused or dropped connection. Not a
    timeout (TimeoutError is an OSError too): the deadline is spent."""
    if isinstance(exc, BadAnswer):
        return exc.status in (502, 503, 504)
    return isinstance(exc, OSError) and not isinstance(exc, TimeoutError)


@app.lifespan
async def upstream_client():
    # The two-second deadline: the client gives up on an answer that has not come by then.
    async with ClientSession(base_url=os.environ["UPSTREAM_URL"], connection_timeout=0.5, request_timeout=2.0) as client:
        app.services.register(ClientSession, instance=client)
        yield


# At most three attempts, 0.1 s then 0.2 s apart (exponential backoff), each plus up to 0.1 s of jitter.
@retry(
    retry=retry_if_exception(transient),
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=0.1) + wait_random(0, 0.1),
    reraise=True,
)
async def fetch_price(upstream: ClientSession) -> int:
    response = await upstream.get("/quote")
    if response.status >= 400:  # the client does not raise on error statuses
        raise BadAnswer(response.status)
    return (await response.json())["price"]


@get("/quote")
async def quote(upstream: ClientSession):
    try:
        return {"price": await fetch_price(upstream)}
    except TimeoutError:  # the client's ConnectionTimeout and RequestTimeout both derive from it
        return json({"error": "upstream timed out"}, status=504)
    except (OSError, ClientException, BadAnswer) as exc:  # refused, reset, or still failing after the last attempt
        return json({"error": f"upstream failed: {exc}"}, status=502)
