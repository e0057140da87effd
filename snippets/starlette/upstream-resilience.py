# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-resilience:app
import asyncio
import os
from contextlib import asynccontextmanager

import httpx
import stamina
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


def transient(exc: Exception) -> bool:
    """Worth another attempt: a refused or dropped connection, or a 502/503/504 answer."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError)


# At most three attempts; the pause starts at 0.1 s and doubles, plus up to 0.1 s of jitter.
@stamina.retry(on=transient, attempts=3, wait_initial=0.1, wait_jitter=0.1)
async def fetch_price(client: httpx.AsyncClient) -> int:
    response = await client.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


@asynccontextmanager
async def lifespan(app):
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"]) as client:
        yield {"upstream": client}


async def quote(request):
    try:
        async with asyncio.timeout(2):  # one deadline for the whole call, retries and pauses included
            price = await fetch_price(request.state.upstream)
    except TimeoutError:
        return JSONResponse({"error": "upstream timed out"}, status_code=504)
    except httpx.HTTPError as exc:  # refused, reset, or still failing after the last attempt
        return JSONResponse({"error": f"upstream failed: {type(exc).__name__}"}, status_code=502)
    return JSONResponse({"price": price})


app = Starlette(routes=[Route("/quote", quote)], lifespan=lifespan)
