# Run: env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python structured-logging.py --processes 1
# Robyn's own log messages go to standard error; standard output carries structlog's JSON lines only.
import time
import uuid

import structlog
from robyn import Request, Response, Robyn

structlog.configure(
    processors=[
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.JSONRenderer(),
    ]
)
log = structlog.get_logger()
app = Robyn(__file__)


# Global middlewares (no endpoint given) run for every request, unknown routes included. Robyn's
# Request takes no attributes of its own, so what the after-middleware needs rides in its headers.
@app.before_request()
def start(request: Request):
    if not request.headers.get("X-Request-ID"):
        request.headers.set("X-Request-ID", uuid.uuid4().hex)
    request.headers.set("X-Started-At", str(time.perf_counter()))
    return request


@app.after_request()
def log_request(request: Request, response: Response):
    request_id = request.headers.get("X-Request-ID")
    response.headers.set("X-Request-ID", request_id)
    log.info(
        "request",
        method=request.method,
        path=request.url.path,
        status=response.status_code,
        duration_ms=round((time.perf_counter() - float(request.headers.get("X-Started-At"))) * 1000, 3),
        request_id=request_id,
    )
    return response


@app.get("/health")
def health():
    return {"status": "ok"}


app.start()
