# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 error-handling:app
# Exception views render errors like any view; Pyramid picks the one registered for the
# most specific class of the exception.
import logging

from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPException
from pyramid.view import exception_view_config, view_config

log = logging.getLogger(__name__)


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


@view_config(route_name="order", renderer="json")
def read_order(request):
    raise OrderNotFound(int(request.matchdict["order_id"]))  # no orders are stored in this example


@view_config(route_name="boom", renderer="json")
def boom(request):
    return {"result": 1 / 0}


@exception_view_config(OrderNotFound, renderer="json")
def order_not_found(exc: OrderNotFound, request):
    request.response.status_code = 404
    return {"error": str(exc)}


@exception_view_config(HTTPException, renderer="json")
def http_error(exc: HTTPException, request):
    request.response.status_code = exc.status_code
    return {"error": exc.title}


@exception_view_config(Exception, renderer="json")
def unexpected(exc: Exception, request):
    log.exception("unhandled error")  # the traceback goes to the log, not the client
    request.response.status_code = 500
    return {"error": "internal server error"}


with Configurator() as config:
    config.add_route("order", r"/orders/{order_id:\d+}")
    config.add_route("boom", "/boom")
    config.scan()
    app = config.make_wsgi_app()
