# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-resilience:application
import os

import httpx
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import path
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential_jitter

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
from rest_framework.exceptions import APIException
from rest_framework.response import Response

# The two-second deadline: httpx gives up on an upstream that has not answered by then.
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)


# DRF answers an APIException as JSON {"detail": ...}; it ships none for 502 or 504.
class BadGateway(APIException):
    status_code = 502
    default_detail = "The upstream service failed."
    default_code = "bad_gateway"


class GatewayTimeout(APIException):
    status_code = 504
    default_detail = "The upstream service did not answer in time."
    default_code = "gateway_timeout"


def is_transient(exc: BaseException) -> bool:
    """Refused or dropped connections and 502/503/504 answers pass; a timeout does not (no time is left)."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# Three attempts in all, waiting about 0.1 s and then 0.2 s (doubling), each plus up to 0.1 s of jitter.
@retry(
    retry=retry_if_exception(is_transient),
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.1, max=1.0, jitter=0.1),
    reraise=True,  # the last error itself, not tenacity's RetryError
)
def fetch_price() -> int:
    response = upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


@api_view(["GET"])
def quote(request):
    try:
        return Response({"price": fetch_price()})
    except httpx.TimeoutException:
        raise GatewayTimeout() from None
    except httpx.HTTPError as exc:  # refused, or still failing after the third attempt
        raise BadGateway(f"The upstream service failed: {type(exc).__name__}.") from exc


urlpatterns = [path("quote", quote)]
application = get_wsgi_application()
