# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 graceful-shutdown:application
# Nothing to write in DRF: on SIGTERM gunicorn stops accepting connections and lets workers
# finish the requests they are serving (for up to --graceful-timeout, 30 s by default).
import time

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
)

from rest_framework.decorators import api_view
from rest_framework.response import Response


@api_view(["GET"])
def slow(request):
    time.sleep(2)
    return Response({"status": "done"})


urlpatterns = [path("slow", slow)]
application = get_wsgi_application()
