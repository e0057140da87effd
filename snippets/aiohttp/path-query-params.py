# Run: gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 path-query-params:app
from aiohttp import web

routes = web.RouteTableDef()


# aiohttp routes match with regular expressions but do not convert: \d+ refuses /items/abc
# (a 404), and the int() is ours.
@routes.get(r"/items/{item_id:\d+}")
async def read_item(request: web.Request) -> web.Response:
    item_id = int(request.match_info["item_id"])
    return web.json_response({"id": item_id, "q": request.query.get("q")})


@web.middleware
async def json_errors(request: web.Request, handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPError as error:  # 4xx and 5xx are plain text by default
        return web.json_response({"error": error.reason}, status=error.status)


app = web.Application(middlewares=[json_errors])
app.add_routes(routes)
