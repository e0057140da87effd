# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 metrics:application
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from django.conf import settings
from django.core.asgi import get_asgi_application
from django.http import HttpResponse
from django.urls import path
from django.utils.decorators import async_only_middleware
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
    MIDDLEWARE=[f"{__name__}.count_requests"],
)
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])

from ninja import NinjaAPI

api = NinjaAPI()


@async_only_middleware  # Django middleware: it sees the API, plain views and unmatched URLs alike
def count_requests(get_response):
    async def middleware(request):
        response = await get_response(request)
        # resolver_match is set once the URL resolved; its route is the pattern ("hello"), not the path.
        match = request.resolver_match
        route = f"/{match.route}" if match else "unmatched"
        REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        return response

    return middleware


@api.get("/hello")
async def hello(request):
    return {"message": "Hello, World!"}


@api.get("/metrics", include_in_schema=False)
async def metrics(request):
    # An HttpResponse returned by an operation is sent as it is, bypassing Ninja's JSON renderer.
    return HttpResponse(generate_latest(), content_type=CONTENT_TYPE_LATEST)


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
