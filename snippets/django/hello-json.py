# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 hello-json:application
# A whole Django project in one file: settings, URLconf and WSGI application.
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "localhost"], ROOT_URLCONF=__name__)


def hello(request):
    return JsonResponse({"message": "Hello, World!"})


urlpatterns = [path("hello", hello)]
application = get_wsgi_application()
