# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 metrics:application
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse, JsonResponse
from django.urls import path
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[f"{__name__}.count_requests"],
)
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


def count_requests(get_response):
    def middleware(request):
        response = get_response(request)
        # resolver_match is set once the URL resolved; its route is the pattern ("hello"), not the path.
        match = request.resolver_match
        route = f"/{match.route}" if match else "unmatched"
        REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        return response

    return middleware


def hello(request):
    return JsonResponse({"message": "Hello, World!"})


def metrics(request):
    return HttpResponse(generate_latest(), content_type=CONTENT_TYPE_LATEST)


urlpatterns = [path("hello", hello), path("metrics", metrics)]
application = get_wsgi_application()
