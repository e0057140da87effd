# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from blacksheep import Application, Content, Response, get
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

app = Application()
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


async def count(request, handler):
    try:
        response = await handler(request)
    except Exception as exc:  # errors, the 404 included, reach middleware as exceptions: render them here
        response = await app.handle_request_handler_exception(request, exc)
    route = app.router.get_matching_route(request.method, request.path)
    REQUESTS.labels(request.method, route.pattern.decode() if route else "unmatched", str(response.status)).inc()
    return response


app.middlewares.append(count)


@get("/hello")
async def hello():
    return {"message": "Hello, World!"}


@get("/metrics")
async def metrics():
    return Response(200, content=Content(CONTENT_TYPE_LATEST.encode(), generate_latest()))
