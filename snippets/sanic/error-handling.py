# Run: sanic error-handling:app --host=127.0.0.1 --port=8000 --workers=1
from sanic import Request, Sanic, json

app = Sanic("Errors")
# Sanic renders the errors it raises (404, 405, 500...) in this format; outside debug mode
# a 500 says only that something went wrong, and the traceback goes to the log.
app.config.FALLBACK_ERROR_FORMAT = "json"


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


@app.get("/orders/<order_id:int>")
async def read_order(request: Request, order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@app.get("/boom")
async def boom(request: Request):
    return json({"result": 1 / 0})


@app.exception(OrderNotFound)
async def order_not_found(request: Request, error: OrderNotFound):
    return json({"error": str(error)}, status=404)
