# Run: gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 middleware-request-id:app
import uuid

from aiohttp import web

routes = web.RouteTableDef()


@web.middleware
async def request_id(request: web.Request, handler) -> web.StreamResponse:
    request["request_id"] = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    try:
        response = await handler(request)
    except web.HTTPException as error:  # error responses (such as the 404 of an unknown route) are raised
        error.headers["X-Request-ID"] = request["request_id"]
        raise
    response.headers["X-Request-ID"] = request["request_id"]
    return response


@routes.get("/health")
async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


app = web.Application(middlewares=[request_id])
app.add_routes(routes)
