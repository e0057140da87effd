# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 trace-propagation:app
import os
from contextlib import asynccontextmanager

import httpx
from litestar import Litestar, get
from litestar.datastructures import State
from litestar.plugins.opentelemetry import OpenTelemetryConfig, OpenTelemetryPlugin
from opentelemetry import trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

# The SDK's provider gives each span an id of its own (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())


@asynccontextmanager
async def upstream_client(app: Litestar):
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0) as client:
        HTTPXClientInstrumentor.instrument_client(client)  # its requests carry traceparent and tracestate
        app.state.upstream = client
        yield


@get("/quote")
async def quote(state: State) -> dict[str, int]:
    response = await state.upstream.get("/quote")
    response.raise_for_status()
    return {"price": response.json()["price"]}


# Litestar's OpenTelemetry plugin: a server span per request, continuing the caller's trace or starting one.
app = Litestar([quote], lifespan=[upstream_client], plugins=[OpenTelemetryPlugin(OpenTelemetryConfig())])
