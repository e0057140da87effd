# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-call:__hug_wsgi__
import os

import httpx
import hug

upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


@hug.get("/quote")
def quote(response):
    try:
        upstream_response = upstream.get("/quote")
        upstream_response.raise_for_status()
    except httpx.TimeoutException:
        response.status = hug.HTTP_504
        return {"error": "upstream timed out"}
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        response.status = hug.HTTP_502
        return {"error": f"upstream failed: {type(exc).__name__}"}
    return {"price": upstream_response.json()["price"]}
