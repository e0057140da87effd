# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
import falcon
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


class CountRequests:
    def process_response(self, req, resp, resource, req_succeeded: bool):
        route = req.uri_template or "unmatched"  # the matched route's template
        REQUESTS.labels(req.method, route, str(resp.status_code)).inc()


class Hello:
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        resp.media = {"message": "Hello, World!"}


class Metrics:
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        resp.content_type = CONTENT_TYPE_LATEST
        resp.data = generate_latest()


app = falcon.App(middleware=[CountRequests()])
app.add_route("/hello", Hello())
app.add_route("/metrics", Metrics())
