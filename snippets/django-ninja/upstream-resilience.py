# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-resilience:application
import os

import httpx
import stamina
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
# The two-second deadline: an upstream that has not answered by then raises httpx.TimeoutException.
upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)


def retryable(exc: Exception) -> bool:
    """Another attempt for a refused or dropped connection or a 502/503/504; none for a timeout, which
    has used the whole deadline."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# No more than three attempts; the wait doubles from 0.1 s, with up to 0.1 s of jitter added.
@stamina.retry(on=retryable, attempts=3, wait_initial=0.1, wait_max=1.0, wait_jitter=0.1)
async def fetch_price() -> int:
    response = await upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


@api.get("/quote")
async def quote(request):
    try:
        return {"price": await fetch_price()}
    except httpx.TimeoutException:
        raise HttpError(504, "upstream timed out") from None  # Ninja answers {"detail": ...}
    except httpx.HTTPError as exc:  # refused, or still failing after the third attempt
        raise HttpError(502, f"upstream failed: {type(exc).__name__}") from exc


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
