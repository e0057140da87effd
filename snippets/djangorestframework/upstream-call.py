# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-call:application
import os

import httpx
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import path

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

upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


# DRF answers its APIExceptions as JSON {"detail": ...}; it ships none for 502 and 504.
class BadGateway(APIException):
    status_code = 502
    default_detail = "The upstream service failed."
    default_code = "bad_gateway"


class GatewayTimeout(APIException):
    status_code = 504
    default_detail = "The upstream service timed out."
    default_code = "gateway_timeout"


@api_view(["GET"])
def quote(request):
    try:
        response = upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        raise GatewayTimeout() from None
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        raise BadGateway(f"The upstream service failed: {type(exc).__name__}.") from exc
    return Response({"price": response.json()["price"]})


urlpatterns = [path("quote", quote)]
application = get_wsgi_application()
