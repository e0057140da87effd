# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-call:app
import os

import httpx
from apiflask import APIFlask, abort

app = APIFlask(__name__)
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


@app.get("/quote")
def quote():
    try:
        response = upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        abort(504, "upstream timed out")
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        abort(502, f"upstream failed: {type(exc).__name__}")
    return {"price": response.json()["price"]}
