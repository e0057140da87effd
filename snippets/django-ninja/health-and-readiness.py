# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 health-and-readiness:application
import dj_database_url
from django.conf import settings
from django.core.asgi import get_asgi_application
from django.db import DatabaseError, connection
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
    # Django connects afresh for each request (CONN_MAX_AGE 0 by default), so readiness recovers by
    # itself once PostgreSQL is back; connect_timeout bounds the wait on a host that does not answer.
    DATABASES={"default": dj_database_url.config() | {"OPTIONS": {"connect_timeout": 1}}},
)

from ninja import NinjaAPI

api = NinjaAPI()


@api.get("/livez")
async def livez(request):
    # That the process answers is all liveness asks: a database outage must not get it restarted.
    return {"status": "ok"}


# A plain `def`: Django 5.2's ORM and cursors are synchronous, and under ASGI Django runs a sync
# view in a worker thread, off the event loop.
@api.get("/readyz", response={200: dict, 503: dict})
def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return 503, {"status": "unavailable", "reason": "database unreachable"}
    return {"status": "ready"}


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
