# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-call:app
import os
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, HTTPException, Request


@asynccontextmanager
async def lifespan(app: FastAPI):
    # One client for the app's lifetime: pooled connections, closed on shutdown.
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0) as client:
        yield {"upstream": client}  # lifespan state: reachable as request.state.upstream


app = FastAPI(lifespan=lifespan)


@app.get("/quote")
async def quote(request: Request):
    try:
        response = await request.state.upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        raise HTTPException(504, "upstream timed out") from None
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        raise HTTPException(502, f"upstream failed: {type(exc).__name__}") from None
    return {"price": response.json()["price"]}
