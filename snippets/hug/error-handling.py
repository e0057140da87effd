# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 error-handling:__hug_wsgi__
# hug answers unknown routes with a JSON 404 (listing the API's routes); exceptions it
# has no handler for escape to the WSGI server, hence the catch-all.
import logging

import hug


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


@hug.get("/orders/{order_id}")
def read_order(order_id: hug.types.number):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@hug.get("/boom")
def boom():
    return {"result": 1 / 0}


@hug.exception(OrderNotFound, status=hug.HTTP_404)
def order_not_found(exception):
    return {"error": str(exception)}


@hug.exception(Exception, status=hug.HTTP_500)
def unexpected(exception):
    logging.exception("unhandled error")  # the traceback goes to the log, not the client
    return {"error": "internal server error"}
