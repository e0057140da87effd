# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

app = FastAPI()
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


@app.middleware("http")
async def count(request: Request, call_next):
    response = await call_next(request)
    route = request.scope.get("route")  # set by the router once a route matched
    REQUESTS.labels(request.method, route.path if route else "unmatched", str(response.status_code)).inc()
    return response


@app.get("/hello")
async def hello():
    return {"message": "Hello, World!"}


@app.get("/metrics")
async def metrics():
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
