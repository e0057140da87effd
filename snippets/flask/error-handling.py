# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 error-handling:app
from flask import Flask
from werkzeug.exceptions import HTTPException

app = Flask(__name__)


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


@app.get("/orders/<int:order_id>")
def read_order(order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@app.get("/boom")
def boom():
    return {"result": 1 / 0}


@app.errorhandler(OrderNotFound)
def order_not_found(error: OrderNotFound):
    return {"error": str(error)}, 404


@app.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return {"error": error.name}, error.code


@app.errorhandler(Exception)
def unexpected(error: Exception):
    app.logger.exception("unhandled error")  # the traceback goes to the log, not the client
    return {"error": "internal server error"}, 500
