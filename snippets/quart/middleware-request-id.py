# Run: hypercorn --workers 1 --bind 127.0.0.1:8000 middleware-request-id:app
import uuid

from quart import Quart, g, request
from werkzeug.exceptions import HTTPException

app = Quart(__name__)


@app.before_request
async def take_request_id():
    g.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex


@app.after_request
async def add_request_id(response):
    # after_request also runs for error responses produced by error handlers.
    response.headers["X-Request-ID"] = g.get("request_id") or uuid.uuid4().hex
    return response


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.errorhandler(HTTPException)
async def http_error(error: HTTPException):
    return {"error": error.name}, error.code
