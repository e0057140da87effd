# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 trace-propagation:app
# OpenTelemetry has no Bottle instrumentation; a Bottle app is a WSGI app, so the WSGI middleware
# from opentelemetry-instrumentation-wsgi traces it.
import os

import httpx
from bottle import Bottle
from opentelemetry import trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.wsgi import OpenTelemetryMiddleware
from opentelemetry.sdk.trace import TracerProvider

# With the SDK's provider each request gets a span of its own (and its own parent id); a span
# processor would export them, e.g. over OTLP.
trace.set_tracer_provider(TracerProvider())
HTTPXClientInstrumentor().instrument()  # every httpx client sends traceparent and tracestate on

quotes = Bottle()
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)


@quotes.get("/quote")
def quote():
    upstream_response = upstream.get("/quote")
    upstream_response.raise_for_status()
    return {"price": upstream_response.json()["price"]}


# The served app: a span per request, continuing the caller's trace or starting a new one.
app = OpenTelemetryMiddleware(quotes)
