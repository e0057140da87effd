# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 trace-propagation:app
import os

import httpx
from opentelemetry import trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.pyramid import PyramidInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from pyramid.config import Configurator
from pyramid.view import view_config

# With the SDK's provider spans are real, each with an id of its own (export them with a span processor).
trace.set_tracer_provider(TracerProvider())
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)
HTTPXClientInstrumentor.instrument_client(upstream)  # each call carries traceparent and tracestate on


@view_config(route_name="quote", renderer="json")
def quote(request):
    response = upstream.get("/quote")
    response.raise_for_status()
    return {"price": response.json()["price"]}


with Configurator() as config:
    # A tween of its own and a WSGI wrapper: a span per request, continuing the caller's trace
    # (traceparent and tracestate) or starting a new one.
    PyramidInstrumentor().instrument_config(config)
    config.add_route("quote", "/quote")
    config.scan()
    app = config.make_wsgi_app()
