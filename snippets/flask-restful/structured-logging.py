# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 structured-logging:app
import logging
import sys
import time
import uuid

from flask import Flask, g, request
from flask_restful import Api, Resource
from pythonjsonlogger.json import JsonFormatter

# One JSON object per line on standard output, stamped in UTC (timestamp=True). gunicorn writes
# its own messages to standard error and keeps no access log unless told to.
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(JsonFormatter("%(levelname)s %(message)s", rename_fields={"levelname": "level"}, timestamp=True))
access = logging.getLogger("access")
access.addHandler(handler)
access.setLevel(logging.INFO)
access.propagate = False

app = Flask(__name__)
api = Api(app, catch_all_404s=True)  # unknown routes answer the Api's JSON 404


@app.before_request
def begin():
    g.started = time.perf_counter()
    g.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex


@app.after_request
def log_request(response):
    # Flask calls this for every response, the Api's errors included.
    response.headers["X-Request-ID"] = g.request_id
    access.info(
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


class Health(Resource):
    def get(self):
        return {"status": "ok"}


api.add_resource(Health, "/health")
