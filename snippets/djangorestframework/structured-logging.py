# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 structured-logging:application
# DRF has no middleware of its own: a Django middleware sees every request, DRF's and the 404s.
import logging
import time
import uuid

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[f"{__name__}.AccessLogMiddleware"],
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
    # Standard logging configured the Django way: python-json-logger renders each record as one JSON
    # line on standard output. gunicorn logs no access lines by default; its own go to standard error.
    LOGGING={
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(message)s",
                "rename_fields": {"levelname": "level"},
                "timestamp": True,  # an ISO 8601 "timestamp" in UTC
            }
        },
        "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
        "loggers": {"access": {"handlers": ["stdout"], "level": "INFO", "propagate": False}},
    },
)

from rest_framework.decorators import api_view
from rest_framework.response import Response

log = logging.getLogger("access")


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        response = self.get_response(request)  # errors, the 404 included, arrive here as responses
        response["X-Request-ID"] = request_id
        elapsed_ms = round((time.perf_counter() - started) * 1000, 3)
        log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": elapsed_ms,
                "request_id": request_id,
            },
        )
        return response


@api_view(["GET"])
def health(request):
    return Response({"status": "ok"})


urlpatterns = [path("health", health)]
application = get_wsgi_application()
