# Run: env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python error-handling.py --processes 1
import logging

from robyn import Response, Robyn, jsonify

app = Robyn(__file__)


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


def json_response(status: int, body: dict) -> Response:
    return Response(status, {"Content-Type": "application/json"}, jsonify(body))


# Robyn has one exception handler for all routes, and a route only gets it if the handler
# is registered first.
@app.exception
def handle_error(error: Exception):
    if isinstance(error, OrderNotFound):
        return json_response(404, {"error": str(error)})
    logging.error("unhandled error", exc_info=error)  # the traceback goes to the log, not the client
    return json_response(500, {"error": "internal server error"})


@app.get("/orders/:order_id")
def read_order(order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@app.get("/boom")
def boom():
    return {"result": 1 / 0}


# Robyn answers an unknown route with a plain-text 404 and has no hook to render it; an
# after-request middleware rewrites its own plain-text errors as JSON.
@app.after_request()
def json_errors(response: Response):
    if response.status_code >= 400 and response.headers.get("Content-Type") == "text/plain":
        response.headers.set("Content-Type", "application/json")
        response.description = jsonify({"error": response.description})
    return response


app.start()
