# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 middleware-request-id:application
import uuid

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[f"{__name__}.request_id"],
)


def request_id(get_response):
    def middleware(request):
        request.id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        # Exceptions (a 404 included) are already responses by the time get_response returns.
        response = get_response(request)
        response["X-Request-ID"] = request.id
        return response

    return middleware


def health(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [path("health", health)]


def handler404(request, exception):
    return JsonResponse({"error": "not found"}, status=404)


application = get_wsgi_application()
