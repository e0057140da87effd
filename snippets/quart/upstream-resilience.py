# Run: UPSTREAM_URL=http://127.0.0.1:9000 hypercorn --workers 1 --bind 127.0.0.1:8000 upstream-resilience:app
import os

import httpx
from quart import Quart
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential, wait_random

app = Quart(__name__)


def transient(exc: BaseException) -> bool:
    """A 502/503/504 answer, or a refused or dropped connection. Not a timeout: the deadline is spent."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


@app.while_serving
async def upstream_client():
    # The two-second deadline: httpx gives up on an upstream that has not answered by then.
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=2.0) as client:
        app.extensions["upstream"] = client
        yield


@app.get("/quote")
async def quote():
    # At most three attempts, 0.1 s then 0.2 s apart (exponential backoff), each plus up to 0.1 s of jitter.
    attempts = AsyncRetrying(
        retry=retry_if_exception(transient),
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.1) + wait_random(0, 0.1),
        reraise=True,
    )
    try:
        async for attempt in attempts:
            with attempt:
                response = await app.extensions["upstream"].get("/quote")
                response.raise_for_status()
    except httpx.TimeoutException:
        return {"error": "upstream timed out"}, 504
    except httpx.HTTPError as exc:  # refused, reset, or still failing after the last attempt
        return {"error": f"upstream failed: {type(exc).__name__}"}, 502
    return {"price": response.json()["price"]}
