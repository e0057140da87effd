# Run: sanic metrics:app --host=127.0.0.1 --port=8000 --workers=1
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from sanic import HTTPResponse, Request, Sanic, json, raw

app = Sanic("Metrics")
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


# Response middleware runs for every response, the 404 of an unknown route included.
@app.on_response
async def count_request(request: Request, response: HTTPResponse):
    route = request.uri_template or "unmatched"  # the route pattern, None when no route matched
    REQUESTS.labels(request.method, route, str(response.status)).inc()


@app.get("/hello")
async def hello(request: Request):
    return json({"message": "Hello, World!"})


@app.get("/metrics")
async def metrics(request: Request):
    return raw(generate_latest(), content_type=CONTENT_TYPE_LATEST)
