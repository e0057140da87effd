# Run: UPSTREAM_URL=http://127.0.0.1:9000 python trace-propagation.py --port 8000
# OpenTelemetry has no CherryPy instrumentation; a CherryPy application is a WSGI app, so the WSGI
# middleware from opentelemetry-instrumentation-wsgi traces it, put in the app's WSGI pipeline.
import argparse
import os

import cherrypy
import httpx
from opentelemetry import trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.wsgi import OpenTelemetryMiddleware
from opentelemetry.sdk.trace import TracerProvider

# With the SDK's provider each request gets a span of its own (and its own parent id); a span
# processor would export them, e.g. over OTLP.
trace.set_tracer_provider(TracerProvider())
HTTPXClientInstrumentor().instrument()  # every httpx client sends traceparent and tracestate on

upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)


class Api:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def quote(self):
        response = upstream.get("/quote")
        response.raise_for_status()
        return {"price": response.json()["price"]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    # A span per request, continuing the caller's trace or starting a new one.
    cherrypy.quickstart(Api(), config={"/": {"wsgi.pipeline": [("opentelemetry", OpenTelemetryMiddleware)]}})
