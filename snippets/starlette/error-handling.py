# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 error-handling:app
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.routing import Route


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


async def read_order(request):
    raise OrderNotFound(request.path_params["order_id"])  # no orders are stored in this example


async def boom(request):
    return JSONResponse({"result": 1 / 0})


async def order_not_found(request, exc: OrderNotFound):
    return JSONResponse({"error": str(exc)}, status_code=404)


async def http_error(request, exc: HTTPException):
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


async def unexpected(request, exc: Exception):
    # The exception still reaches the server, which logs its traceback; the client only gets this.
    return JSONResponse({"error": "internal server error"}, status_code=500)


app = Starlette(
    routes=[Route("/orders/{order_id:int}", read_order), Route("/boom", boom)],
    exception_handlers={OrderNotFound: order_not_found, HTTPException: http_error, Exception: unexpected},
)
