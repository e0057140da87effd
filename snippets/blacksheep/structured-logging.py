# Run: uvicorn --no-access-log --workers 1 --host 127.0.0.1 --port 8000 structured-logging:app
import time
import uuid

import structlog
from blacksheep import Application, get

# One JSON object per line on standard output (structlog's default destination); uvicorn keeps its
# own messages on standard error, and --no-access-log turns off its plain-text request lines.
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,  # request_id on every line logged during the request
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.JSONRenderer(),
    ]
)
log = structlog.get_logger()
app = Application()


async def access_log(request, handler):
    start = time.perf_counter()
    request_id = request.get_first_header(b"X-Request-ID") or uuid.uuid4().hex.encode()
    with structlog.contextvars.bound_contextvars(request_id=request_id.decode()):
        try:
            response = await handler(request)
        except Exception as exc:  # errors, the 404 included, reach middleware as exceptions: render them here
            response = await app.handle_request_handler_exception(request, exc)
        response.set_header(b"X-Request-ID", request_id)
        duration_ms = round((time.perf_counter() - start) * 1000, 3)
        log.info("request", method=request.method, path=request.path, status=response.status, duration_ms=duration_ms)
    return response


app.middlewares.append(access_log)


@get("/health")
async def health():
    return {"status": "ok"}
