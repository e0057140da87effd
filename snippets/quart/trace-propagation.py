# Run: UPSTREAM_URL=http://127.0.0.1:9000 hypercorn --workers 1 --bind 127.0.0.1:8000 trace-propagation:app
import os

import httpx
from opentelemetry import trace
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from quart import Quart

# The SDK's provider gives each span an id of its own (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())
app = Quart(__name__)
# Quart has no instrumentation package of its own; OpenTelemetry's ASGI middleware opens a server
# span per request around Quart's ASGI app: the caller's trace continued, or a new one.
app.asgi_app = OpenTelemetryMiddleware(app.asgi_app)


@app.while_serving
async def upstream_client():
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0) as client:
        HTTPXClientInstrumentor.instrument_client(client)  # its requests carry traceparent and tracestate
        app.extensions["upstream"] = client
        yield


@app.get("/quote")
async def quote():
    response = await app.extensions["upstream"].get("/quote")
    response.raise_for_status()
    return {"price": response.json()["price"]}
