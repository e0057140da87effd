# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 path-query-params:application
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


# The annotations decide: item_id is in the path template, so it is a path parameter and must be an
# int (/items/abc is a 422 naming it); q is not, so it is an optional query parameter.
@api.get("/items/{item_id}")
async def read_item(request, item_id: int, q: str | None = None):
    return {"id": item_id, "q": q}


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
