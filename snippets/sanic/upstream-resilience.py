# Run: UPSTREAM_URL=http://127.0.0.1:9000 sanic upstream-resilience:app --host=127.0.0.1 --port=8000 --workers=1
import asyncio
import os

import httpx
import stamina
from sanic import Request, Sanic, json

app = Sanic("Quotes")


@app.before_server_start
async def open_client(app: Sanic):
    app.ctx.upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"])


@app.after_server_stop
async def close_client(app: Sanic):
    await app.ctx.upstream.aclose()


def transient(exc: Exception) -> bool:
    """Worth another attempt: a 502/503/504 answer, or a refused or dropped connection."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# Three attempts at most, the pause growing from 0.1 s (exponential backoff) plus up to 0.1 s of jitter.
@stamina.retry(on=transient, attempts=3, wait_initial=0.1, wait_max=1.0, wait_jitter=0.1)
async def fetch_price() -> int:
    response = await app.ctx.upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


@app.get("/quote")
async def quote(request: Request):
    try:
        async with asyncio.timeout(2):  # the deadline covers every attempt and every pause
            return json({"price": await fetch_price()})
    except TimeoutError:
        return json({"error": "upstream timed out"}, status=504)
    except httpx.HTTPError as exc:  # refused, reset, or still failing after the last attempt
        return json({"error": f"upstream failed: {type(exc).__name__}"}, status=502)
