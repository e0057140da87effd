# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-resilience:app
import os
from contextlib import asynccontextmanager

import httpx
import stamina
from fastapi import FastAPI, HTTPException, Request


def transient(exc: Exception) -> bool:
    """Worth another attempt: a refused or dropped connection, or a 502/503/504 answer. Not a
    timeout: the deadline is spent."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# Three attempts at most, the pause growing from 0.1 s (exponential backoff) plus up to 0.1 s of jitter.
@stamina.retry(on=transient, attempts=3, wait_initial=0.1, wait_max=1.0, wait_jitter=0.1)
async def fetch_price(client: httpx.AsyncClient) -> int:
    response = await client.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


@asynccontextmanager
async def lifespan(app: FastAPI):
    # The two-second deadline: httpx gives up on an upstream that has not answered by then.
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=2.0) as client:
        yield {"upstream": client}


app = FastAPI(lifespan=lifespan)


@app.get("/quote")
async def quote(request: Request):
    try:
        return {"price": await fetch_price(request.state.upstream)}
    except httpx.TimeoutException:
        raise HTTPException(504, "upstream timed out") from None
    except httpx.HTTPError as exc:  # refused, reset, or still failing after the last attempt
        raise HTTPException(502, f"upstream failed: {type(exc).__name__}") from None
