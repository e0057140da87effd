# Run: emmett -a middleware-request-id.py serve --host 127.0.0.1 --port 8000 --workers 1
import json
import uuid

from emmett import App, Pipe, request, response
from emmett.tools import service

app = App(__name__)


def tag_response():
    response.headers["x-request-id"] = request.headers.get("x-request-id") or uuid.uuid4().hex


class RequestId(Pipe):
    # Set as the request enters the pipeline: a 500 from an unhandled exception, and the answer
    # of an on_error handler, are sent with these response headers too.
    async def open_request(self):
        tag_response()


app.pipeline = [RequestId()]


@app.route("/health", methods="get")
@service.json
async def health():
    return {"status": "ok"}


# The pipeline wraps routes only: a request that matches none goes straight to the 404 handler.
@app.on_error(404)
async def not_found():
    tag_response()
    response.headers["content-type"] = "application/json"
    return json.dumps({"error": "not found"})
