# Run: gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

routes = web.RouteTableDef()
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


@web.middleware
async def count_requests(request: web.Request, handler) -> web.StreamResponse:
    resource = request.match_info.route.resource  # None when no route matched
    route = resource.canonical if resource else "unmatched"
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as error:  # a 404 for an unknown route is raised, not returned
        status = error.status
        raise
    finally:
        REQUESTS.labels(request.method, route, str(status)).inc()


@routes.get("/hello")
async def hello(request: web.Request) -> web.Response:
    return web.json_response({"message": "Hello, World!"})


@routes.get("/metrics")
async def metrics(request: web.Request) -> web.Response:
    return web.Response(body=generate_latest(), headers={"Content-Type": CONTENT_TYPE_LATEST})


app = web.Application(middlewares=[count_requests])
app.add_routes(routes)
