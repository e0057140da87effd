# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 error-handling:app
import functools
import json

from bottle import Bottle, HTTPError, response

app = Bottle()


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


def domain_errors(callback):
    # Bottle's error handlers are chosen by status code, not exception type: a plugin
    # (a decorator applied to every route) maps the domain error to its status.
    @functools.wraps(callback)
    def wrapper(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except OrderNotFound as exc:
            response.status = 404
            return {"error": str(exc)}

    return wrapper


app.install(domain_errors)


@app.get("/orders/<order_id:int>")
def read_order(order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@app.get("/boom")
def boom():
    return {"result": 1 / 0}


@app.error(404)
@app.error(500)
def json_error(error: HTTPError):
    # Bottle has already written a 500's traceback to the server's error log.
    response.content_type = "application/json"  # error handlers return text, not dicts
    return json.dumps({"error": error.body})
