# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 error-handling:app
from apiflask import APIFlask, HTTPError

app = APIFlask(__name__)


class OrderNotFound(HTTPError):
    status_code = 404


@app.get("/orders/<int:order_id>")
def read_order(order_id: int):
    raise OrderNotFound(message=f"order {order_id} not found")  # no orders are stored in this example


@app.get("/boom")
def boom():
    return {"result": 1 / 0}  # APIFlask answers a JSON 500 and Flask logs the traceback


@app.error_processor
def error_body(error: HTTPError):
    # One body for every error: unknown routes, HTTPError subclasses, validation errors, 500s.
    return {"error": error.message, "detail": error.detail}, error.status_code, error.headers
