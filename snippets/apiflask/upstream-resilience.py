# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-resilience:app
import os

import httpx
import stamina
from apiflask import APIFlask, abort

app = APIFlask(__name__)
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)  # the two-second deadline


def worth_retrying(exc: Exception) -> bool:
    # A 502/503/504 answer or a dropped connection may pass; a timeout has used up the deadline.
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in {502, 503, 504}
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# stamina backs off exponentially with jitter: at most three attempts, the first pause 0.1 s or a little more.
@stamina.retry(on=worth_retrying, attempts=3, wait_initial=0.1, wait_max=1.0, wait_jitter=0.1)
def get_price() -> int:
    response = upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


@app.get("/quote")
def quote():
    try:
        return {"price": get_price()}
    except httpx.TimeoutException:
        abort(504, "upstream timed out")
    except httpx.HTTPError as exc:  # refused, or still failing after the last attempt
        abort(502, f"upstream failed: {type(exc).__name__}")
