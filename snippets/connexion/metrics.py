# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
import yaml
from connexion import AsyncApp
from connexion.lifecycle import ConnexionResponse
from connexion.middleware import MiddlewarePosition
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request

SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Metrics, version: "1.0"}
paths:
  /hello:
    get:
      operationId: metrics.hello
      responses:
        "200":
          description: A greeting
          content:
            application/json:
              schema: {type: object}
  /metrics:
    get:
      operationId: metrics.metrics
      responses:
        "200":
          description: Prometheus metrics
          content:
            text/plain:
              schema: {type: string}
""")
# Connexion's routing tells later middleware the operationId; the spec maps it to its path.
ROUTES = {operation["operationId"]: path for path, item in SPEC["paths"].items() for operation in item.values()}
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


async def hello():
    return {"message": "Hello, World!"}


async def metrics():
    return ConnexionResponse(body=generate_latest(), content_type=CONTENT_TYPE_LATEST)


async def count_request(request: Request, call_next):
    operation_id = request.scope["extensions"]["connexion_routing"]["operation_id"]  # None: no route
    route = ROUTES.get(operation_id, "unmatched")
    status = 500
    try:
        response = await call_next(request)
        status = response.status_code
        return response
    except HTTPException as error:  # Connexion raises 400s, 401s and 404s, rendered further out
        status = error.status_code
        raise
    finally:
        REQUESTS.labels(request.method, route, str(status)).inc()


app = AsyncApp(__name__)
app.add_api(SPEC)
# Right after routing, where the operation is known and every request still passes.
app.add_middleware(BaseHTTPMiddleware, MiddlewarePosition.BEFORE_SECURITY, dispatch=count_request)
