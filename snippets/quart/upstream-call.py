# Run: UPSTREAM_URL=http://127.0.0.1:9000 hypercorn --workers 1 --bind 127.0.0.1:8000 upstream-call:app
import os

import httpx
from quart import Quart

app = Quart(__name__)


@app.while_serving
async def upstream_client():
    # One client for the app's lifetime (pooled connections), opened and closed on the server's loop.
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0) as client:
        app.extensions["upstream"] = client
        yield


@app.get("/quote")
async def quote():
    try:
        response = await app.extensions["upstream"].get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        return {"error": "upstream timed out"}, 504
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        return {"error": f"upstream failed: {type(exc).__name__}"}, 502
    return {"price": response.json()["price"]}
