# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-resilience:app
import os

import httpx
from bottle import Bottle, response
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

app = Bottle()
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)  # the two-second deadline


def worth_retrying(exc: BaseException) -> bool:
    # A 502/503/504 answer or a dropped connection may pass; a timeout has used up the deadline.
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in {502, 503, 504}
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# At most three attempts, 0.1 s then 0.2 s apart (exponential backoff), each plus up to 0.1 s of jitter.
retrying = Retrying(
    retry=retry_if_exception(worth_retrying),
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.1, max=1, jitter=0.1),
    reraise=True,
)


def get_price() -> int:
    upstream_response = upstream.get("/quote")
    upstream_response.raise_for_status()
    return upstream_response.json()["price"]


@app.get("/quote")
def quote():
    try:
        return {"price": retrying(get_price)}
    except httpx.TimeoutException:
        response.status = 504
        return {"error": "upstream timed out"}
    except httpx.HTTPError as exc:  # refused, or still failing after the last attempt
        response.status = 502
        return {"error": f"upstream failed: {type(exc).__name__}"}
