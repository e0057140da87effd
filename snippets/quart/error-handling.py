# Run: hypercorn --workers 1 --bind 127.0.0.1:8000 error-handling:app
from quart import Quart
from werkzeug.exceptions import HTTPException

app = Quart(__name__)


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


@app.get("/orders/<int:order_id>")
async def read_order(order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@app.get("/boom")
async def boom():
    return {"result": 1 / 0}


@app.errorhandler(OrderNotFound)
async def order_not_found(error: OrderNotFound):
    return {"error": str(error)}, 404


@app.errorhandler(HTTPException)
async def http_error(error: HTTPException):
    # Also reached by unhandled exceptions: Quart logs the traceback, then hands this
    # handler a generic InternalServerError, so nothing about the code leaks.
    return {"error": error.name}, error.code
