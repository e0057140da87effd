# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-call:app
import os

import httpx
from bottle import Bottle, response

app = Bottle()
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


@app.get("/quote")
def quote():
    try:
        upstream_response = upstream.get("/quote")
        upstream_response.raise_for_status()
    except httpx.TimeoutException:
        response.status = 504
        return {"error": "upstream timed out"}
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        response.status = 502
        return {"error": f"upstream failed: {type(exc).__name__}"}
    return {"price": upstream_response.json()["price"]}
