# Run: gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 error-handling:app
from aiohttp import web

routes = web.RouteTableDef()


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


@routes.get(r"/orders/{order_id:\d+}")
async def read_order(request: web.Request) -> web.Response:
    raise OrderNotFound(int(request.match_info["order_id"]))  # no orders are stored in this example


@routes.get("/boom")
async def boom(request: web.Request) -> web.Response:
    return web.json_response({"result": 1 / 0})


# aiohttp has no error-handler registry: one middleware catches what the handlers raise.
@web.middleware
async def json_errors(request: web.Request, handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except OrderNotFound as error:
        return web.json_response({"error": str(error)}, status=404)
    except web.HTTPError as error:  # unknown routes (404), wrong methods (405), ...
        return web.json_response({"error": error.reason}, status=error.status)
    except Exception:
        request.app.logger.exception("unhandled error")  # the traceback goes to the log, not the client
        return web.json_response({"error": "internal server error"}, status=500)


app = web.Application(middlewares=[json_errors])
app.add_routes(routes)
