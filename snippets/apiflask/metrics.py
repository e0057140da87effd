# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from apiflask import APIFlask
from flask import request
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

app = APIFlask(__name__)
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


@app.after_request
def count(response):
    route = request.url_rule.rule if request.url_rule else "unmatched"
    REQUESTS.labels(request.method, route, str(response.status_code)).inc()
    return response


@app.get("/hello")
def hello():
    return {"message": "Hello, World!"}


@app.get("/metrics")
def metrics():
    return generate_latest(), 200, {"Content-Type": CONTENT_TYPE_LATEST}
