# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 trace-propagation:__hug_wsgi__
# hug serves through Falcon (2.0 here), so OpenTelemetry's Falcon instrumentation traces it.
import os

import httpx
import hug
from opentelemetry import trace
from opentelemetry.instrumentation.falcon import FalconInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

# With the SDK's provider each request gets a span of its own (and its own parent id); a span
# processor would export them, e.g. over OTLP.
trace.set_tracer_provider(TracerProvider())
# Falcon apps created from now on get a span per request, continuing the caller's trace or starting
# a new one; hug creates its Falcon app when the first request comes.
FalconInstrumentor().instrument()
HTTPXClientInstrumentor().instrument()  # every httpx client sends traceparent and tracestate on

upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)


@hug.get("/quote")
def quote():
    upstream_response = upstream.get("/quote")
    upstream_response.raise_for_status()
    return {"price": upstream_response.json()["price"]}
