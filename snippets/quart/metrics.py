# Run: hypercorn --workers 1 --bind 127.0.0.1:8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from quart import Quart, request

app = Quart(__name__)
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


@app.after_request
async def count(response):
    route = request.url_rule.rule if request.url_rule else "unmatched"
    REQUESTS.labels(request.method, route, str(response.status_code)).inc()
    return response


@app.get("/hello")
async def hello():
    return {"message": "Hello, World!"}


@app.get("/metrics")
async def metrics():
    return generate_latest(), 200, {"Content-Type": CONTENT_TYPE_LATEST}
