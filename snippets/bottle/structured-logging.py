# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 structured-logging:app
import logging
import sys
import time
import uuid

from bottle import Bottle, request, response
from pythonjsonlogger.json import JsonFormatter

# One JSON object per line on standard output, stamped in UTC (timestamp=True). gunicorn writes
# its own messages to standard error and keeps no access log unless told to.
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(JsonFormatter("%(levelname)s %(message)s", rename_fields={"levelname": "level"}, timestamp=True))
access = logging.getLogger("access")
access.addHandler(handler)
access.setLevel(logging.INFO)
access.propagate = False

app = Bottle()


@app.hook("before_request")
def begin():
    request.started = time.perf_counter()  # Bottle keeps such attributes in the request's environ
    request.request_id = request.get_header("X-Request-ID") or uuid.uuid4().hex


@app.hook("after_request")
def log_request():
    # Runs for every request, HTTPErrors such as the 404 of an unknown route included (with their
    # status); an uncaught exception only becomes its 500 afterwards (bottlepy/bottle#671).
    response.set_header("X-Request-ID", request.request_id)
    access.info(
        "request",
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - request.started) * 1000, 3),
            "request_id": request.request_id,
        },
    )


@app.get("/health")
def health():
    return {"status": "ok"}
