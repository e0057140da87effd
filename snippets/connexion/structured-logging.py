# Run: uvicorn --no-access-log --workers 1 --host 127.0.0.1 --port 8000 structured-logging:app
# uvicorn's own access lines are plain text on standard output: --no-access-log turns them off.
import time
import uuid

import structlog
import yaml
from connexion import AsyncApp
from connexion.middleware import MiddlewarePosition
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request

SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Health, version: "1.0"}
paths:
  /health:
    get:
      operationId: structured-logging.health
      responses:
        "200":
          description: The service is up
          content:
            application/json:
              schema: {type: object}
""")

# structlog renders each event as one JSON object on a line of standard output, with the fields
# bound for the current request (contextvars) merged in.
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),  # in UTC unless told otherwise
        structlog.processors.JSONRenderer(),
    ]
)
log = structlog.get_logger()


async def health():
    return {"status": "ok"}


async def access_log(request: Request, call_next):
    started = time.perf_counter()
    request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    # Every line logged while the request runs, here or in a handler, carries its request_id.
    with structlog.contextvars.bound_contextvars(request_id=request_id):
        response = await call_next(request)
        response.headers["X-Request-ID"] = request_id
        duration_ms = round((time.perf_counter() - started) * 1000, 3)
        log.info("request", method=request.method, path=request.url.path, status=response.status_code, duration_ms=duration_ms)
    return response


app = AsyncApp(__name__)
app.add_api(SPEC)
# Outside Connexion's exception middleware, so it also logs the error responses it renders (a 404).
app.add_middleware(BaseHTTPMiddleware, MiddlewarePosition.BEFORE_EXCEPTION, dispatch=access_log)
