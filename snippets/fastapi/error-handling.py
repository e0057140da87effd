# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 error-handling:app
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


@app.get("/orders/{order_id}")
async def read_order(order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@app.get("/boom")
async def boom():
    return {"result": 1 / 0}


@app.exception_handler(OrderNotFound)
async def order_not_found(request: Request, exc: OrderNotFound):
    return JSONResponse({"error": str(exc)}, status_code=404)


@app.exception_handler(Exception)
async def unexpected(request: Request, exc: Exception):
    # Without this handler a crash is a plain-text 500; the traceback still goes to the server log.
    # Unknown routes need no handler: FastAPI already answers them with a JSON {"detail": "Not Found"}.
    return JSONResponse({"error": "internal server error"}, status_code=500)
