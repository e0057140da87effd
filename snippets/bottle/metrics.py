# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from bottle import Bottle, request, response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

app = Bottle()
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


@app.hook("after_request")
def count():
    # Sees HTTPErrors such as 404s, but runs before an uncaught exception becomes its 500,
    # so such a request is counted with status 200 (bottlepy/bottle#671).
    route = request.environ.get("bottle.route")  # unset when no route matched
    REQUESTS.labels(request.method, route.rule if route else "unmatched", str(response.status_code)).inc()


@app.get("/hello")
def hello():
    return {"message": "Hello, World!"}


@app.get("/metrics")
def metrics():
    response.content_type = CONTENT_TYPE_LATEST
    return generate_latest()
