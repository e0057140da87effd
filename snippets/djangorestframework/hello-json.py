# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 hello-json:application
# A whole Django project in one file; DRF reads its options from the REST_FRAMEWORK setting.
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],  # JSON only, no browsable API
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,  # no django.contrib.auth in this service
    },
)

# DRF reads the settings as it is imported.
from rest_framework.decorators import api_view
from rest_framework.response import Response


@api_view(["GET"])
def hello(request):
    return Response({"message": "Hello, World!"})


urlpatterns = [path("hello", hello)]
application = get_wsgi_application()
