# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 health-and-readiness:application
import dj_database_url
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    # Django opens a connection per request by default (CONN_MAX_AGE 0), so once PostgreSQL is back
    # the next probe simply connects again; connect_timeout bounds the wait on a host that does not answer.
    DATABASES={"default": dj_database_url.config() | {"OPTIONS": {"connect_timeout": 1}}},
)


def livez(request):
    # Only "the process answers": a database outage must not get the service restarted.
    return JsonResponse({"status": "ok"})


def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:  # Django wraps the driver's errors: OperationalError when it cannot connect
        return JsonResponse({"status": "unavailable", "reason": "database unreachable"}, status=503)
    return JsonResponse({"status": "ready"})


urlpatterns = [path("livez", livez), path("readyz", readyz)]
application = get_wsgi_application()
