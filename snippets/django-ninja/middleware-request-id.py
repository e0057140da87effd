# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 middleware-request-id:application
# Ninja has no middleware of its own: Django's middleware wraps the API like any other view.
import uuid

from django.conf import settings
from django.core.asgi import get_asgi_application
from django.http import JsonResponse
from django.urls import path
from django.utils.decorators import async_only_middleware

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
    MIDDLEWARE=[f"{__name__}.request_id"],
)

from ninja import NinjaAPI

api = NinjaAPI()


@async_only_middleware  # under ASGI an async middleware keeps the request on the event loop
def request_id(get_response):
    async def middleware(request):
        request.id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        # Exceptions (a 404 included) are already responses by the time get_response returns.
        response = await get_response(request)
        response["X-Request-ID"] = request.id
        return response

    return middleware


@api.get("/health")
async def health(request):
    return {"status": "ok"}


urlpatterns = [path("", api.urls)]


def handler404(request, exception):
    return JsonResponse({"detail": "Not Found"}, status=404)


application = get_asgi_application()
