# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 structured-logging:application
import logging
import time
import uuid

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[f"{__name__}.log_requests"],
    # Django's own LOGGING setting (dictConfig): one JSON object per line on standard output.
    # gunicorn writes no access log unless asked, and its own messages go to standard error.
    LOGGING={
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(message)s",
                "rename_fields": {"levelname": "level"},
                "timestamp": True,  # ISO 8601 in UTC, with its +00:00 offset
            }
        },
        "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
        "loggers": {"requests": {"handlers": ["stdout"], "level": "INFO", "propagate": False}},
    },
)
log = logging.getLogger("requests")


def log_requests(get_response):
    def middleware(request):
        start = time.perf_counter()
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        response = get_response(request)  # a 404 or an exception is already a response here
        response["X-Request-ID"] = request_id
        fields = {"method": request.method, "path": request.path, "status": response.status_code}
        duration_ms = round((time.perf_counter() - start) * 1000, 3)
        log.info("request", extra=fields | {"duration_ms": duration_ms, "request_id": request_id})
        return response

    return middleware


def health(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [path("health", health)]
application = get_wsgi_application()
