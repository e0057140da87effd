# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-call:application
import os

import httpx
from django.conf import settings
from django.core.asgi import get_asgi_application
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
)

from ninja import NinjaAPI
from ninja.errors import HttpError

api = NinjaAPI()
# One client for the process (pooled connections); an async one, so waiting on the upstream
# does not hold a thread.
upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)


@api.get("/quote")
async def quote(request):
    try:
        response = await upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        raise HttpError(504, "upstream timed out") from None  # Ninja answers {"detail": ...}
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        raise HttpError(502, f"upstream failed: {type(exc).__name__}") from exc
    return {"price": response.json()["price"]}


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
