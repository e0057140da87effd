# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 middleware-request-id:app
import uuid

from pyramid.config import Configurator
from pyramid.view import view_config


def request_id_tween_factory(handler, registry):
    # A tween wraps Pyramid's request handling; by default it sits above the exception
    # view tween, so it also sees the error responses that exception views render.
    def request_id_tween(request):
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        response = handler(request)
        response.headers["X-Request-ID"] = request_id
        return response

    return request_id_tween


@view_config(route_name="health", renderer="json")
def health(request):
    return {"status": "ok"}


with Configurator() as config:
    config.add_route("health", "/health")
    config.add_tween(f"{__name__}.request_id_tween_factory")  # tweens are named by dotted path
    config.scan()
    app = config.make_wsgi_app()
