# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 trace-propagation:app
import os

import httpx
from flask import Flask
from opentelemetry import trace
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

# The SDK's provider records real spans with their own ids (add a span processor to export them);
# without it OpenTelemetry's API only passes the caller's ids through unchanged.
trace.set_tracer_provider(TracerProvider())
app = Flask(__name__)
FlaskInstrumentor().instrument_app(app)  # a span per request: the caller's trace continued, or a new one
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)
HTTPXClientInstrumentor.instrument_client(upstream)  # outgoing calls carry traceparent and tracestate


@app.get("/quote")
def quote():
    response = upstream.get("/quote")
    response.raise_for_status()
    return {"price": response.json()["price"]}
