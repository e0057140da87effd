# Run: UPSTREAM_URL=http://127.0.0.1:9000 sanic trace-propagation:app --host=127.0.0.1 --port=8000 --workers=1
# OpenTelemetry has no Sanic instrumentation: two middlewares read the caller's trace context with
# OpenTelemetry's propagator API; the httpx instrumentation writes it on the outgoing call.
import os

import httpx
from opentelemetry import context, propagate, trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from sanic import HTTPResponse, Request, Sanic, json

# The SDK's provider records real spans with their own ids (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())
tracer = trace.get_tracer(__name__)
app = Sanic("Quotes")


@app.before_server_start
async def open_client(app: Sanic):
    app.ctx.upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)
    HTTPXClientInstrumentor.instrument_client(app.ctx.upstream)  # calls carry traceparent and tracestate


@app.after_server_stop
async def close_client(app: Sanic):
    await app.ctx.upstream.aclose()


# A span per request, made current for the handler: the caller's trace continued (traceparent and
# tracestate extracted from the headers), or a new trace when there is no valid traceparent.
@app.on_request
async def start_span(request: Request):
    caller = propagate.extract(request.headers)
    request.ctx.span = tracer.start_span(f"{request.method} {request.path}", caller, kind=trace.SpanKind.SERVER)
    request.ctx.token = context.attach(trace.set_span_in_context(request.ctx.span))


@app.on_response
async def end_span(request: Request, response: HTTPResponse):
    request.ctx.span.set_attribute("http.response.status_code", response.status)
    request.ctx.span.end()
    context.detach(request.ctx.token)


@app.get("/quote")
async def quote(request: Request):
    response = await app.ctx.upstream.get("/quote")
    response.raise_for_status()
    return json({"price": response.json()["price"]})
