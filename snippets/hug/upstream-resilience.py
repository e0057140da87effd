# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-resilience:__hug_wsgi__
import os

import httpx
import hug
import stamina

upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)  # the two-second deadline


def worth_retrying(exc: Exception) -> bool:
    # A 502/503/504 answer or a dropped connection may pass; a timeout has used up the deadline.
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in {502, 503, 504}
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


def get_price() -> int:
    # At most three attempts; stamina waits between them with exponential backoff and jitter,
    # from 0.1 s (plus up to 0.1 s) on.
    for attempt in stamina.retry_context(on=worth_retrying, attempts=3, wait_initial=0.1, wait_max=1.0, wait_jitter=0.1):
        with attempt:
            upstream_response = upstream.get("/quote")
            upstream_response.raise_for_status()
    return upstream_response.json()["price"]


@hug.get("/quote")
def quote(response):
    try:
        return {"price": get_price()}
    except httpx.TimeoutException:
        response.status = hug.HTTP_504
        return {"error": "upstream timed out"}
    except httpx.HTTPError as exc:  # refused, or still failing after the last attempt
        response.status = hug.HTTP_502
        return {"error": f"upstream failed: {type(exc).__name__}"}
