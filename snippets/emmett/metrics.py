# Run: emmett -a metrics.py serve --host 127.0.0.1 --port 8000 --workers 1
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
import json

from emmett import App, Pipe, request, response
from emmett.http import HTTPResponse
from emmett.tools import service
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

app = App(__name__)
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


class CountRequests(Pipe):
    # A pipe sees the request, not the pattern it matched: each route's pipe is given its pattern.
    def __init__(self, route: str):
        self.route = route

    async def pipe_request(self, next_pipe, **kwargs):
        status = 500
        try:
            output = await next_pipe(**kwargs)
            status = response.status
            return output
        except HTTPResponse as http:  # abort(), redirect()
            status = http.status_code
            raise
        finally:
            REQUESTS.labels(request.method, self.route, str(status)).inc()


def counted_route(path: str, **kwargs):
    return app.route(path, pipeline=[CountRequests(path)], **kwargs)


@counted_route("/hello", methods="get")
@service.json
async def hello():
    return {"message": "Hello, World!"}


@app.route("/metrics", methods="get", output="bytes")
async def metrics():
    response.headers["content-type"] = CONTENT_TYPE_LATEST
    return generate_latest()


# No pipeline runs for a request that matches no route: the 404 handler counts it.
@app.on_error(404)
async def not_found():
    REQUESTS.labels(request.method, "unmatched", "404").inc()
    response.headers["content-type"] = "application/json"
    return json.dumps({"error": "not found"})
