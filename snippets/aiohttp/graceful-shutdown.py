# Run: gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 graceful-shutdown:app
# Nothing to write in aiohttp: on SIGTERM gunicorn stops the worker, which stops accepting
# connections and waits for the requests in flight (within --graceful-timeout, 30 s by default).
import asyncio

from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/slow")
async def slow(request: web.Request) -> web.Response:
    await asyncio.sleep(2)
    return web.json_response({"status": "done"})


app = web.Application()
app.add_routes(routes)
