# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-call:application
import os

import httpx
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET

settings.configure(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "localhost"], ROOT_URLCONF=__name__)

upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


@require_GET
def quote(request):
    try:
        response = upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        return JsonResponse({"error": "upstream timed out"}, status=504)
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        return JsonResponse({"error": f"upstream failed: {type(exc).__name__}"}, status=502)
    return JsonResponse({"price": response.json()["price"]})


urlpatterns = [path("quote", quote)]
application = get_wsgi_application()
