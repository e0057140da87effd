# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 trace-propagation:app
import os

import httpx
from apiflask import APIFlask
from opentelemetry import trace
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

# With the SDK's provider each request gets a span of its own (and its own parent id); a span
# processor would export them, e.g. over OTLP.
trace.set_tracer_provider(TracerProvider())

app = APIFlask(__name__)
FlaskInstrumentor().instrument_app(app)  # an APIFlask app is a Flask app: Flask's instrumentation traces it
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)
HTTPXClientInstrumentor.instrument_client(upstream)  # its calls carry traceparent and tracestate


@app.get("/quote")
def quote():
    response = upstream.get("/quote")
    response.raise_for_status()
    return {"price": response.json()["price"]}
