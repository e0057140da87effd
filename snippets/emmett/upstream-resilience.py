# Run: UPSTREAM_URL=http://127.0.0.1:9000 emmett -a upstream-resilience.py serve --host 127.0.0.1 --port 8000 --workers 1
import os

import httpx
import stamina
from emmett import App, response
from emmett.tools import service

app = App(__name__)
# The two-second deadline: httpx gives up on an upstream that has not answered by then.
upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)


def transient(exc: Exception) -> bool:
    """A 502/503/504 answer, or a refused or dropped connection. Not a timeout: the deadline is spent."""
    if isinstance(exc, httpx.TimeoutException):
        return False
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError)


# At most three attempts; the pause starts at 0.1 s and doubles, plus up to 0.1 s of jitter.
@stamina.retry(on=transient, attempts=3, wait_initial=0.1, wait_jitter=0.1)
async def current_price() -> int:
    answer = await upstream.get("/quote")
    answer.raise_for_status()
    return answer.json()["price"]


@app.route("/quote", methods="get")
@service.json
async def quote():
    try:
        return {"price": await current_price()}
    except httpx.TimeoutException:
        response.status = 504
        return {"error": "upstream timed out"}
    except httpx.HTTPError as exc:  # refused, reset, or still failing after the last attempt
        response.status = 502
        return {"error": f"upstream failed: {type(exc).__name__}"}
