# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 graceful-shutdown:app
# Nothing to write: on SIGTERM uvicorn stops accepting connections, waits for the requests in
# flight (without limit unless --timeout-graceful-shutdown is set), runs the lifespan shutdown, exits.
import asyncio

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def slow(request):
    await asyncio.sleep(2)
    return JSONResponse({"status": "done"})


app = Starlette(routes=[Route("/slow", slow)])
