# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 metrics:__hug_wsgi__
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
import hug
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


@hug.response_middleware()
def count(request, response, resource):
    route = request.uri_template or "unmatched"  # the matched route's template
    REQUESTS.labels(request.method, route, response.status.split()[0]).inc()


@hug.format.content_type(CONTENT_TYPE_LATEST)
def prometheus_text(data, **kwargs):
    return data


@hug.get("/hello")
def hello():
    return {"message": "Hello, World!"}


@hug.get("/metrics", output=prometheus_text)
def metrics():
    return generate_latest()
