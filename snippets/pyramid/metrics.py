# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from pyramid.config import Configurator
from pyramid.response import Response
from pyramid.view import view_config

REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


def metrics_tween_factory(handler, registry):
    # Above the exception view tween: 404s and other rendered errors are counted too.
    def metrics_tween(request):
        response = handler(request)
        route = request.matched_route.pattern if request.matched_route else "unmatched"
        REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        return response

    return metrics_tween


@view_config(route_name="hello", renderer="json")
def hello(request):
    return {"message": "Hello, World!"}


@view_config(route_name="metrics")
def metrics(request):
    return Response(generate_latest(), content_type=CONTENT_TYPE_LATEST)


with Configurator() as config:
    config.add_route("hello", "/hello")
    config.add_route("metrics", "/metrics")
    config.add_tween(f"{__name__}.metrics_tween_factory")  # tweens are named by dotted path
    config.scan()
    app = config.make_wsgi_app()
