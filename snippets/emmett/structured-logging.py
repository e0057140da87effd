# Run: emmett -a structured-logging.py serve --host 127.0.0.1 --port 8000 --workers 1 --log-level error
import json
import logging
import uuid
from datetime import UTC, datetime

import structlog
from emmett import App, Pipe, request, response
from emmett.http import HTTPResponse
from emmett.tools import service

# One JSON object per line on standard output (structlog's default destination). Granian, under
# `emmett serve`, writes its own messages to standard output too, and nothing there sends them
# elsewhere: --log-level error turns off all but errors.
structlog.configure(
    processors=[
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.add_log_level,
        structlog.processors.EventRenamer("message"),  # the key most log shippers read the text from
        structlog.processors.JSONRenderer(),
    ],
    wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
)
log = structlog.get_logger()
app = App(__name__)


def tag_and_log(status: int) -> None:
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    response.headers["x-request-id"] = request_id
    elapsed = datetime.now(UTC) - request.now  # request.now: when Emmett took the request in
    log.info(
        "request",
        method=request.method,
        path=request.path,
        status=status,
        duration_ms=round(elapsed.total_seconds() * 1000, 3),
        request_id=request_id,
    )


class AccessLog(Pipe):
    # Around every route, so it sees what the route answered or raised.
    async def pipe_request(self, next_pipe, **kwargs):
        status = 500  # an exception the route does not handle: Emmett answers 500
        try:
            body = await next_pipe(**kwargs)
            status = response.status
            return body
        except HTTPResponse as answer:  # a status the route raised (a redirect, an HTTP error)
            status = answer.status_code
            raise
        finally:
            tag_and_log(status)


app.pipeline = [AccessLog()]


@app.route("/health", methods="get")
@service.json
async def health():
    return {"status": "ok"}


# The pipeline wraps routes only: a request that matches none comes straight here. (A 404 that a
# route raised comes here too, already tagged and logged.)
@app.on_error(404)
async def not_found():
    if "x-request-id" not in response.headers:
        tag_and_log(404)
    response.headers["content-type"] = "application/json"
    return json.dumps({"error": "not found"})
