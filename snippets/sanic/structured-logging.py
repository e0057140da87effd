# Run: sanic structured-logging:app --host=127.0.0.1 --port=8000 --workers=1
import logging
import time

from sanic import HTTPResponse, Request, Sanic, json

# Sanic applies its log_config in every process. Standard output carries JSON lines only: the
# "requests" logger's, through python-json-logger; Sanic's own messages go to standard error.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "{levelname}{message}",
            "style": "{",
            "rename_fields": {"levelname": "level"},
            "timestamp": True,
        },
    },
    "handlers": {
        "json": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "requests": {"level": "INFO", "handlers": ["json"], "propagate": False},
        "sanic": {"level": "INFO", "handlers": ["stderr"]},
    },
}
app = Sanic("Logs", log_config=LOGGING)
log = logging.getLogger("requests")


@app.on_request
async def start_timer(request: Request):
    request.ctx.start = time.perf_counter()


# request.id is the caller's X-Request-ID (REQUEST_ID_HEADER) or a new UUID; response middleware
# runs for error responses such as an unknown route's 404 too.
@app.on_response
async def log_request(request: Request, response: HTTPResponse):
    response.headers["X-Request-ID"] = str(request.id)
    duration_ms = round((time.perf_counter() - request.ctx.start) * 1000, 3)
    fields = {"method": request.method, "path": request.path, "status": response.status}
    log.info("request", extra=fields | {"duration_ms": duration_ms, "request_id": str(request.id)})


@app.get("/health")
async def health(request: Request):
    return json({"status": "ok"})
