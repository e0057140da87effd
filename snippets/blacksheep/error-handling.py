# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 error-handling:app
from blacksheep import Application, get, json

app = Application()


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


@get("/orders/{order_id}")
async def read_order(order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@get("/boom")
async def boom():
    return {"result": 1 / 0}


# Handlers are keyed by exception type or by status code; BlackSheep's defaults answer in plain text.
@app.exception_handler(OrderNotFound)
async def order_not_found(app, request, exc: OrderNotFound):
    return json({"error": str(exc)}, status=404)


@app.exception_handler(404)
async def not_found(app, request, exc):
    return json({"error": "not found"}, status=404)


@app.exception_handler(500)
async def unexpected(app, request, exc):
    # BlackSheep has already logged the traceback; the client only gets this.
    return json({"error": "internal server error"}, status=500)
