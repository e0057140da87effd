# Run: gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 hello-json:app
from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/hello")
async def hello(request: web.Request) -> web.Response:
    return web.json_response({"message": "Hello, World!"})


app = web.Application()
app.add_routes(routes)
