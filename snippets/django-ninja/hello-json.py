# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 hello-json:application
# A whole Django project in one file, served over ASGI so that async operations run on the event loop.
from django.conf import settings
from django.core.asgi import get_asgi_application
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
)

from ninja import NinjaAPI  # Ninja reads the settings as it is imported

api = NinjaAPI()


@api.get("/hello")
async def hello(request):
    return {"message": "Hello, World!"}


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
