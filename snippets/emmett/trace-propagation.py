# Run: UPSTREAM_URL=http://127.0.0.1:9000 emmett -a trace-propagation.py serve --host 127.0.0.1 --port 8000 --workers 1
# OpenTelemetry has no instrumentation for Emmett, and `emmett serve` runs it as an RSGI app, which
# the ASGI instrumentation cannot wrap: a pipe reads the caller's trace context with OpenTelemetry's
# propagator API and opens the server span itself. The outgoing call is instrumented httpx.
import os

import httpx
from emmett import App, Pipe, request
from emmett.tools import service
from opentelemetry import propagate, trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

# The SDK's provider gives each span an id of its own (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())
tracer = trace.get_tracer(__name__)
app = App(__name__)
upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)
HTTPXClientInstrumentor.instrument_client(upstream)  # its requests carry traceparent and tracestate


class ServerSpan(Pipe):
    async def pipe_request(self, next_pipe, **kwargs):
        # The W3C traceparent and tracestate headers; a missing or invalid one extracts as an empty
        # context, and the span then starts a new trace.
        caller = propagate.extract(request.headers)
        name = f"{request.method} {request.path}"
        with tracer.start_as_current_span(name, context=caller, kind=trace.SpanKind.SERVER):
            return await next_pipe(**kwargs)


app.pipeline = [ServerSpan()]


@app.route("/quote", methods="get")
@service.json
async def quote():
    answer = await upstream.get("/quote")
    answer.raise_for_status()
    return {"price": answer.json()["price"]}
