# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 structured-logging:app
import logging
import sys
import time
import uuid

from flask import Flask, g, request
from pythonjsonlogger.json import JsonFormatter

# One JSON object per line on standard output (gunicorn's own messages go to standard error).
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(JsonFormatter("{levelname}{message}", style="{", rename_fields={"levelname": "level"}, timestamp=True))
log = logging.getLogger("requests")
log.addHandler(handler)
log.setLevel(logging.INFO)
log.propagate = False

app = Flask(__name__)


@app.before_request
def start():
    g.start = time.perf_counter()
    g.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex


@app.after_request
def log_request(response):
    # after_request runs for error responses such as the 404 too.
    response.headers["X-Request-ID"] = g.request_id
    duration_ms = round((time.perf_counter() - g.start) * 1000, 3)
    fields = {"method": request.method, "path": request.path, "status": response.status_code}
    log.info("request", extra=fields | {"duration_ms": duration_ms, "request_id": g.request_id})
    return response


@app.get("/health")
def health():
    return {"status": "ok"}
