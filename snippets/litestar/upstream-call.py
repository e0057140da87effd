# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-call:app
import os
from contextlib import asynccontextmanager

import httpx
from litestar import Litestar, get
from litestar.datastructures import State
from litestar.exceptions import HTTPException


@asynccontextmanager
async def upstream_client(app: Litestar):
    # One client for the app's lifetime: pooled connections, closed on shutdown.
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0) as client:
        app.state.upstream = client
        yield


@get("/quote")
async def quote(state: State) -> dict:
    try:
        response = await state.upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        raise HTTPException(status_code=504, detail="upstream timed out") from None
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        raise HTTPException(status_code=502, detail=f"upstream failed: {type(exc).__name__}") from None
    return {"price": response.json()["price"]}


app = Litestar([quote], lifespan=[upstream_client])
