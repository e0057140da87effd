# Run: UPSTREAM_URL=http://127.0.0.1:9000 env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python trace-propagation.py --processes 1
# OpenTelemetry has no Robyn instrumentation: the handler reads the caller's trace context with
# OpenTelemetry's propagator API and opens its own span; the httpx instrumentation passes it on.
import os

import httpx
from opentelemetry import propagate, trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from robyn import Request, Robyn

# The SDK's provider records real spans with their own ids (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())
tracer = trace.get_tracer(__name__)
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)
HTTPXClientInstrumentor.instrument_client(upstream)  # outgoing calls carry traceparent and tracestate
app = Robyn(__file__)


@app.get("/quote")
def quote(request: Request):
    # The caller's traceparent and tracestate, if valid; otherwise the span starts a new trace.
    caller = propagate.extract(request.headers.to_dict())
    with tracer.start_as_current_span("GET /quote", context=caller, kind=trace.SpanKind.SERVER):
        response = upstream.get("/quote")
        response.raise_for_status()
        return {"price": response.json()["price"]}


app.start()
