# Run: hypercorn --workers 1 --bind 127.0.0.1:8000 structured-logging:app
import logging
import time
import uuid
from logging.config import dictConfig

from quart import Quart, g, request

# The standard library's dictConfig puts one JSON object per line on standard output for the
# "access" logger. Hypercorn writes no access log unless asked and sends its own messages to
# standard error, so standard output holds these lines only.
dictConfig(
    {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "{levelname}{message}",
                "style": "{",
                "rename_fields": {"levelname": "level"},
                "timestamp": True,
            }
        },
        "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
        "loggers": {"access": {"handlers": ["stdout"], "level": "INFO", "propagate": False}},
    }
)
log = logging.getLogger("access")
app = Quart(__name__)


@app.before_request
async def stamp():
    g.started = time.perf_counter()
    g.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex


@app.after_request
async def access_log(response):
    # Runs for the routing 404 too: Quart raises it inside the request, after before_request.
    response.headers["X-Request-ID"] = g.request_id
    log.info(
        "request",
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - g.started) * 1000, 3),
            "request_id": g.request_id,
        },
    )
    return response


@app.get("/health")
async def health():
    return {"status": "ok"}
