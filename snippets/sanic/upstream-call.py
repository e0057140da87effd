# Run: UPSTREAM_URL=http://127.0.0.1:9000 sanic upstream-call:app --host=127.0.0.1 --port=8000 --workers=1
import os

import httpx
from sanic import Request, Sanic, json

app = Sanic("Quotes")


# One client per worker, opened on its event loop: pooled connections.
@app.before_server_start
async def open_client(app: Sanic):
    app.ctx.upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)


@app.after_server_stop
async def close_client(app: Sanic):
    await app.ctx.upstream.aclose()


@app.get("/quote")
async def quote(request: Request):
    try:
        response = await app.ctx.upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        return json({"error": "upstream timed out"}, status=504)
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        return json({"error": f"upstream failed: {type(exc).__name__}"}, status=502)
    return json({"price": response.json()["price"]})
