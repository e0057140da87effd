# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 graceful-shutdown:app
# Nothing to write: on SIGTERM uvicorn stops accepting connections, waits for the requests in
# flight (without limit unless --timeout-graceful-shutdown is set), runs the lifespan shutdown, exits.
import asyncio

from litestar import Litestar, get


@get("/slow")
async def slow() -> dict:
    await asyncio.sleep(2)
    return {"status": "done"}


app = Litestar([slow])
