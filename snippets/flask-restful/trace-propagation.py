# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 trace-propagation:app
import os

import httpx
from flask import Flask
from flask_restful import Api, Resource
from opentelemetry import trace
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

# With the SDK's provider each request gets a span of its own (and its own parent id); a span
# processor would export them, e.g. over OTLP.
trace.set_tracer_provider(TracerProvider())
HTTPXClientInstrumentor().instrument()  # every httpx client sends traceparent and tracestate on

app = Flask(__name__)
FlaskInstrumentor().instrument_app(app)  # Flask-RESTful routes through Flask, so its requests are traced
api = Api(app)
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)


class Quote(Resource):
    def get(self):
        response = upstream.get("/quote")
        response.raise_for_status()
        return {"price": response.json()["price"]}


api.add_resource(Quote, "/quote")
