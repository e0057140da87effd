# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 middleware-request-id:app
import uuid

from apiflask import APIFlask
from flask import g, request

app = APIFlask(__name__)


@app.before_request
def take_request_id():
    g.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex


@app.after_request
def add_request_id(response):
    # after_request also runs for APIFlask's JSON error responses.
    response.headers["X-Request-ID"] = g.get("request_id") or uuid.uuid4().hex
    return response


@app.get("/health")
def health():
    return {"status": "ok"}
