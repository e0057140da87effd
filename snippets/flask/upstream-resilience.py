# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-resilience:app
import os

import httpx
from flask import Flask
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential_jitter

app = Flask(__name__)
# The two-second deadline: httpx gives up on an upstream that has not answered by then.
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)


def transient(exc: BaseException) -> bool:
    """Worth another attempt: a refused or dropped connection, or a 502/503/504 answer. Not a
    timeout: the deadline is spent."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# Three attempts at most, 0.1-0.2 s then 0.2-0.3 s apart (exponential backoff with jitter).
@retry(
    retry=retry_if_exception(transient),
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.1, max=1.0, jitter=0.1),
    reraise=True,
)
def fetch_price() -> int:
    response = upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


@app.get("/quote")
def quote():
    try:
        return {"price": fetch_price()}
    except httpx.TimeoutException:
        return {"error": "upstream timed out"}, 504
    except httpx.HTTPError as exc:  # refused, reset, or still failing after the last attempt
        return {"error": f"upstream failed: {type(exc).__name__}"}, 502
