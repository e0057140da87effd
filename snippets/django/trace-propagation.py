# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 trace-propagation:application
import os

import httpx
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path
from opentelemetry import trace
from opentelemetry.instrumentation.django import DjangoInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

settings.configure(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "localhost"], ROOT_URLCONF=__name__)

# The SDK's provider records real spans with their own ids (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())
# Puts its middleware first in settings.MIDDLEWARE (so before the application loads it): a span per
# request that continues the caller's traceparent and tracestate, or starts a new trace.
DjangoInstrumentor().instrument()
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)
HTTPXClientInstrumentor.instrument_client(upstream)  # outgoing calls carry traceparent and tracestate


def quote(request):
    response = upstream.get("/quote")
    response.raise_for_status()
    return JsonResponse({"price": response.json()["price"]})


urlpatterns = [path("quote", quote)]
application = get_wsgi_application()
