# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 trace-propagation:application
import os

import httpx
from django.conf import settings
from django.core.asgi import get_asgi_application
from django.urls import path
from opentelemetry import trace
from opentelemetry.instrumentation.django import DjangoInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
)

from ninja import NinjaAPI

# The SDK's provider gives every span an id of its own (a span processor would export them).
trace.set_tracer_provider(TracerProvider())
# Ninja runs inside Django, so Django's instrumentation traces it; under ASGI it needs the package's
# [asgi] extra. Its middleware joins settings.MIDDLEWARE before the application is built.
DjangoInstrumentor().instrument()
HTTPXClientInstrumentor().instrument()  # every httpx client sends traceparent and tracestate on

api = NinjaAPI()
upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)


@api.get("/quote")
async def quote(request):
    response = await upstream.get("/quote")  # a child span of this request's span
    response.raise_for_status()
    return {"price": response.json()["price"]}


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
