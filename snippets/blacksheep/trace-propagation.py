# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 trace-propagation:app
# BlackSheep's own OpenTelemetry middleware (blacksheep.server.otel) opens a new trace for every
# request, whatever traceparent came with it, so OpenTelemetry's ASGI instrumentation wraps the app
# instead; httpx, whose instrumentation writes the headers, makes the outgoing call.
import os

import httpx
from blacksheep import Application, get
from opentelemetry import trace
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

# The SDK's provider gives each span an id of its own (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())
application = Application()


@application.lifespan
async def upstream_client():
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0) as client:
        HTTPXClientInstrumentor.instrument_client(client)  # its requests carry traceparent and tracestate
        application.services.register(httpx.AsyncClient, instance=client)
        yield


@get("/quote")
async def quote(upstream: httpx.AsyncClient):
    response = await upstream.get("/quote")
    response.raise_for_status()
    return {"price": response.json()["price"]}


app = OpenTelemetryMiddleware(application)  # a server span per request: the caller's trace continued, or a new one
