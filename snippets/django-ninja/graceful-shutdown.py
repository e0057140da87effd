# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 graceful-shutdown:application
# Nothing to write in Ninja: on SIGTERM uvicorn stops accepting connections and waits for the
# requests in flight to finish before it exits.
import asyncio

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

api = NinjaAPI()


@api.get("/slow")
async def slow(request):
    await asyncio.sleep(2)  # an async operation: the event loop serves other requests meanwhile
    return {"status": "done"}


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
