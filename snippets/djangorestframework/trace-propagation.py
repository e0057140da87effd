# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 trace-propagation:application
# DRF views are Django views: Django's OpenTelemetry instrumentation traces them.
import os

import httpx
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import path
from opentelemetry import trace
from opentelemetry.instrumentation.django import DjangoInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
)

from rest_framework.decorators import api_view
from rest_framework.response import Response

trace.set_tracer_provider(TracerProvider())  # the SDK: spans with ids of their own (export them with a span processor)
# Its middleware, added to settings.MIDDLEWARE before the application loads, opens a span per request:
# a child of the caller's traceparent (its tracestate kept), or the root of a new trace.
DjangoInstrumentor().instrument()
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)
HTTPXClientInstrumentor.instrument_client(upstream)  # injects traceparent and tracestate into each call


@api_view(["GET"])
def quote(request):
    response = upstream.get("/quote")
    response.raise_for_status()
    return Response({"price": response.json()["price"]})


urlpatterns = [path("quote", quote)]
application = get_wsgi_application()
