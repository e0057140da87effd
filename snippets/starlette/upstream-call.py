# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-call:app
import os
from contextlib import asynccontextmanager

import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


@asynccontextmanager
async def lifespan(app):
    # One client for the app's lifetime: pooled connections, closed on shutdown.
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0) as client:
        yield {"upstream": client}  # lifespan state: reachable as request.state.upstream


async def quote(request):
    try:
        response = await request.state.upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        return JSONResponse({"error": "upstream timed out"}, status_code=504)
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        return JSONResponse({"error": f"upstream failed: {type(exc).__name__}"}, status_code=502)
    return JSONResponse({"price": response.json()["price"]})


app = Starlette(routes=[Route("/quote", quote)], lifespan=lifespan)
