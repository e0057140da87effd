# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


class CountRequests(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        route = request.scope.get("route")  # set by the router once a route matched
        REQUESTS.labels(request.method, route.path if route else "unmatched", str(response.status_code)).inc()
        return response


async def hello(request):
    return JSONResponse({"message": "Hello, World!"})


async def metrics(request):
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


app = Starlette(
    routes=[Route("/hello", hello), Route("/metrics", metrics)],
    middleware=[Middleware(CountRequests)],
)
