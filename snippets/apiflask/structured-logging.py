# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 structured-logging:app
import time
import uuid

import structlog
from apiflask import APIFlask
from flask import g, request

# structlog renders each event as one JSON line on standard output (gunicorn writes its own
# messages to standard error and keeps no access log unless told to).
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.JSONRenderer(),
    ]
)
log = structlog.get_logger()
app = APIFlask(__name__)


@app.before_request
def bind_request():
    g.started = time.perf_counter()
    g.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    # Bound once, these fields join every event logged while the request runs.
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(request_id=g.request_id, method=request.method, path=request.path)


@app.after_request
def log_request(response):
    # Runs for APIFlask's JSON error responses too, such as the 404 of an unknown route.
    response.headers["X-Request-ID"] = g.request_id
    log.info("request", status=response.status_code, duration_ms=round((time.perf_counter() - g.started) * 1000, 3))
    return response


@app.get("/health")
def health():
    return {"status": "ok"}
