# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 structured-logging:app
import time
import uuid

import falcon
import structlog

# structlog prints one JSON object per line to standard output (gunicorn's own messages go to
# standard error, and its access log is off unless --access-logfile is given). merge_contextvars
# adds what the middleware binds for the request, such as its id, to every line logged meanwhile.
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.JSONRenderer(),
    ]
)
log = structlog.get_logger()


class RequestLog:
    def process_request(self, req: falcon.Request, resp: falcon.Response):
        req.context.start = time.perf_counter()
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=req.get_header("X-Request-ID") or uuid.uuid4().hex)

    def process_response(self, req, resp, resource, req_succeeded: bool):
        # Runs for every request, error responses such as an unknown route's 404 included.
        resp.set_header("X-Request-ID", structlog.contextvars.get_contextvars()["request_id"])
        duration_ms = round((time.perf_counter() - req.context.start) * 1000, 3)
        log.info("request", method=req.method, path=req.path, status=resp.status_code, duration_ms=duration_ms)


class Health:
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        resp.media = {"status": "ok"}


app = falcon.App(middleware=[RequestLog()])
app.add_route("/health", Health())
