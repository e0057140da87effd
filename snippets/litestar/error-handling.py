# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 error-handling:app
from litestar import Litestar, Request, Response, get
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


@get("/orders/{order_id:int}")
async def read_order(order_id: int) -> dict:
    raise OrderNotFound(order_id)  # no orders are stored in this example


@get("/boom")
async def boom() -> dict:
    return {"result": 1 / 0}


def order_not_found(request: Request, exc: OrderNotFound) -> Response:
    return Response({"error": str(exc)}, status_code=404)


def unexpected(request: Request, exc: Exception) -> Response:
    # Litestar already answers a JSON 500 without details, but logs the traceback only in debug mode.
    request.logger.error("unhandled error", exc_info=exc)
    return Response({"error": "internal server error"}, status_code=500)


# A 500 handler receives every exception that is not an HTTPException; unknown routes keep
# Litestar's own JSON 404.
app = Litestar(
    [read_order, boom],
    exception_handlers={OrderNotFound: order_not_found, HTTP_500_INTERNAL_SERVER_ERROR: unexpected},
)
