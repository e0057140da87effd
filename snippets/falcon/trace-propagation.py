# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 trace-propagation:app
import os

import falcon
import httpx
from opentelemetry import trace
from opentelemetry.instrumentation.falcon import FalconInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

# The SDK's provider records real spans with their own ids (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())
# Before the app is made: falcon.App now adds a middleware that opens a span per request,
# continuing the caller's trace (traceparent, tracestate) or starting a new one.
FalconInstrumentor().instrument()
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)
HTTPXClientInstrumentor.instrument_client(upstream)  # outgoing calls carry traceparent and tracestate


class Quote:
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        response = upstream.get("/quote")
        response.raise_for_status()
        resp.media = {"price": response.json()["price"]}


app = falcon.App()
app.add_route("/quote", Quote())
