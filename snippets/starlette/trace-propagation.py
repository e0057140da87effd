# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 trace-propagation:app
import os
from contextlib import asynccontextmanager

import httpx
from opentelemetry import trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.starlette import StarletteInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

# The SDK's provider gives each span an id of its own (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())


@asynccontextmanager
async def lifespan(app):
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0) as client:
        HTTPXClientInstrumentor.instrument_client(client)  # its requests carry traceparent and tracestate
        yield {"upstream": client}


async def quote(request):
    response = await request.state.upstream.get("/quote")
    response.raise_for_status()
    return JSONResponse({"price": response.json()["price"]})


app = Starlette(routes=[Route("/quote", quote)], lifespan=lifespan)
StarletteInstrumentor.instrument_app(app)  # a server span per request: the caller's trace continued, or a new one
