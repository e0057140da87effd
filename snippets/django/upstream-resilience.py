# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-resilience:application
import os

import httpx
import stamina
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "localhost"], ROOT_URLCONF=__name__)

# The two-second deadline: httpx gives up on an upstream that has not answered by then.
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)


def worth_retrying(exc: Exception) -> bool:
    """A refused or dropped connection, or a 502/503/504 answer; never a timeout (the deadline is spent)."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# At most three attempts; the pause starts at 0.1 s and doubles, plus up to 0.1 s of random jitter.
@stamina.retry(on=worth_retrying, attempts=3, wait_initial=0.1, wait_max=1.0, wait_jitter=0.1)
def fetch_price() -> int:
    response = upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


def quote(request):
    try:
        return JsonResponse({"price": fetch_price()})
    except httpx.TimeoutException:
        return JsonResponse({"error": "upstream timed out"}, status=504)
    except httpx.HTTPError as exc:  # refused, or still failing after the last attempt
        return JsonResponse({"error": f"upstream failed: {type(exc).__name__}"}, status=502)


urlpatterns = [path("quote", quote)]
application = get_wsgi_application()
