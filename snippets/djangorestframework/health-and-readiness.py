# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 health-and-readiness:application
import dj_database_url
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import DatabaseError, connection
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    # A connection per request (Django's default CONN_MAX_AGE 0): after an outage the next probe
    # connects afresh. connect_timeout bounds the wait on a database host that does not answer.
    DATABASES={"default": dj_database_url.config() | {"OPTIONS": {"connect_timeout": 1}}},
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
)

from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response


@api_view(["GET"])
def livez(request):
    # The process answers, and nothing more: a database outage is no reason to restart it.
    return Response({"status": "ok"})


@api_view(["GET"])
def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:  # the driver's connection error, as Django wraps it
        return Response({"status": "unavailable", "reason": "database unreachable"}, status.HTTP_503_SERVICE_UNAVAILABLE)
    return Response({"status": "ready"})


urlpatterns = [path("livez", livez), path("readyz", readyz)]
application = get_wsgi_application()
