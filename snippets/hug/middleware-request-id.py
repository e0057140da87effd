# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 middleware-request-id:__hug_wsgi__
import uuid

import hug


@hug.response_middleware()
def add_request_id(request, response, resource):
    # Runs for every response, the 404s of unknown routes included.
    response.set_header("X-Request-ID", request.get_header("X-Request-ID") or uuid.uuid4().hex)


@hug.get("/health")
def health():
    return {"status": "ok"}
