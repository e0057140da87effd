# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-resilience:app
import os
from contextlib import asynccontextmanager

import httpx
import stamina
from litestar import Litestar, get
from litestar.datastructures import State
from litestar.exceptions import HTTPException


def worth_retrying(exc: Exception) -> bool:
    """A refused or dropped connection, or a 502/503/504 answer. Not a timeout: the deadline is spent."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


@asynccontextmanager
async def upstream_client(app: Litestar):
    # The two-second deadline: httpx gives up on an upstream that has not answered by then.
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=2.0) as client:
        app.state.upstream = client
        yield


@get("/quote")
async def quote(state: State) -> dict[str, int]:
    try:
        # At most three attempts, 0.1 s then 0.2 s apart (exponential backoff), plus up to 0.1 s of jitter.
        async for attempt in stamina.retry_context(on=worth_retrying, attempts=3, wait_initial=0.1, wait_jitter=0.1):
            with attempt:
                response = await state.upstream.get("/quote")
                response.raise_for_status()
    except httpx.TimeoutException:
        raise HTTPException(status_code=504, detail="upstream timed out") from None
    except httpx.HTTPError as exc:  # refused, reset, or still failing after the last attempt
        raise HTTPException(status_code=502, detail=f"upstream failed: {type(exc).__name__}") from None
    return {"price": response.json()["price"]}


app = Litestar([quote], lifespan=[upstream_client])
