# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 structured-logging:application
import logging
import time
import uuid

from django.conf import settings
from django.core.asgi import get_asgi_application
from django.urls import path
from django.utils.decorators import async_only_middleware

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
    MIDDLEWARE=[f"{__name__}.access_log"],
    # Django applies LOGGING (a dictConfig) at start-up, after uvicorn has set up its own loggers.
    LOGGING={
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(message)s",
                "rename_fields": {"levelname": "level"},
                "timestamp": True,  # ISO 8601, UTC
            }
        },
        "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
        "loggers": {
            "access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
            # uvicorn's own access lines are plain text on standard output: keep only its warnings.
            "uvicorn.access": {"level": "WARNING"},
        },
    },
)

from ninja import NinjaAPI

api = NinjaAPI()
log = logging.getLogger("access")


@async_only_middleware  # under ASGI an async middleware keeps the request on the event loop
def access_log(get_response):
    async def middleware(request):
        started = time.perf_counter()
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        response = await get_response(request)  # an unknown route's 404 comes back here as a response
        response["X-Request-ID"] = request_id
        duration_ms = round((time.perf_counter() - started) * 1000, 3)
        fields = {"method": request.method, "path": request.path, "status": response.status_code}
        log.info("request", extra=fields | {"duration_ms": duration_ms, "request_id": request_id})
        return response

    return middleware


@api.get("/health")
async def health(request):
    return {"status": "ok"}


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
