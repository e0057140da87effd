# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 structured-logging:__hug_wsgi__
import time
import uuid

import hug
import structlog

# structlog renders each event as one JSON line on standard output (gunicorn writes its own
# messages to standard error and keeps no access log unless told to).
structlog.configure(
    processors=[
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.JSONRenderer(),
    ]
)
log = structlog.get_logger()


@hug.request_middleware()
def begin(request, response):
    request.context.started = time.perf_counter()
    request.context.request_id = request.get_header("X-Request-ID") or uuid.uuid4().hex


@hug.response_middleware()
def log_request(request, response, resource):
    # Runs for every response, the 404s of unknown routes included.
    response.set_header("X-Request-ID", request.context.request_id)
    log.info(
        "request",
        method=request.method,
        path=request.path,
        status=int(response.status.split()[0]),  # Falcon 2 keeps the status line, "404 Not Found"
        duration_ms=round((time.perf_counter() - request.context.started) * 1000, 3),
        request_id=request.context.request_id,
    )


@hug.get("/health")
def health():
    return {"status": "ok"}
