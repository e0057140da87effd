# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 error-handling:app
# Falcon already answers unknown routes and unexpected exceptions with JSON errors
# (the traceback goes to the log): only the domain error needs a handler.
import falcon


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


class Order:
    def on_get(self, req: falcon.Request, resp: falcon.Response, order_id: int):
        raise OrderNotFound(order_id)  # no orders are stored in this example


class Boom:
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        resp.media = {"result": 1 / 0}


def order_not_found(req, resp, error: OrderNotFound, params):
    resp.status = falcon.HTTP_404
    resp.media = {"error": str(error)}


app = falcon.App()
app.add_route("/orders/{order_id:int}", Order())
app.add_route("/boom", Boom())
app.add_error_handler(OrderNotFound, order_not_found)
