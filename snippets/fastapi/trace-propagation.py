# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 trace-propagation:app
import os
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from opentelemetry import trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

# The SDK's provider records real spans with their own ids (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())
HTTPXClientInstrumentor().instrument()  # outgoing httpx calls carry traceparent and tracestate


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0) as client:
        yield {"upstream": client}


# FastAPI traces every request itself (built-in OpenTelemetry): the caller's trace continued, or a new one.
app = FastAPI(lifespan=lifespan)


@app.get("/quote")
async def quote(request: Request):
    response = await request.state.upstream.get("/quote")
    response.raise_for_status()
    return {"price": response.json()["price"]}
