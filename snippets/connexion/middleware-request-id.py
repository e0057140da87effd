# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 middleware-request-id:app
import uuid

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
      operationId: middleware-request-id.health
      responses:
        "200":
          description: The service is up
          content:
            application/json:
              schema: {type: object}
""")


async def health():
    return {"status": "ok"}


# Connexion is a stack of ASGI middleware and takes any ASGI middleware, such as Starlette's.
async def add_request_id(request: Request, call_next):
    request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    response = await call_next(request)
    response.headers["X-Request-ID"] = request_id
    return response


app = AsyncApp(__name__)
app.add_api(SPEC)
# Outside Connexion's exception middleware, so error responses (an unknown route's 404) carry it too.
app.add_middleware(BaseHTTPMiddleware, MiddlewarePosition.BEFORE_EXCEPTION, dispatch=add_request_id)
