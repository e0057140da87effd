# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 trace-propagation:app
# OpenTelemetry has no package for Connexion; Connexion is a stack of ASGI middleware, and takes
# OpenTelemetry's ASGI middleware like any other.
import os

import httpx
import yaml
from connexion import AsyncApp
from connexion.middleware import MiddlewarePosition
from opentelemetry import trace
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Quotes, version: "1.0"}
paths:
  /quote:
    get:
      operationId: trace-propagation.quote
      responses:
        "200":
          description: The upstream's price
          content:
            application/json:
              schema: {type: object}
""")

# The SDK's provider makes real spans, each with its own id (a span processor would export them).
trace.set_tracer_provider(TracerProvider())
upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)
HTTPXClientInstrumentor.instrument_client(upstream)  # its calls carry traceparent and tracestate


async def quote():
    response = await upstream.get("/quote")  # a child of the request's span
    response.raise_for_status()
    return {"price": response.json()["price"]}


app = AsyncApp(__name__)
app.add_api(SPEC)
# Outermost, before Connexion's exception middleware: a span for every request, continuing the
# caller's traceparent (and tracestate) or starting a new trace.
app.add_middleware(OpenTelemetryMiddleware, MiddlewarePosition.BEFORE_EXCEPTION)
