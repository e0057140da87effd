# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 error-handling:application
from django.conf import settings
from django.core.asgi import get_asgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,  # with DEBUG on, Ninja and Django would answer errors with tracebacks
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
)

from ninja import NinjaAPI

api = NinjaAPI()


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


@api.exception_handler(OrderNotFound)
def order_not_found(request, exc: OrderNotFound):
    return api.create_response(request, {"error": str(exc)}, status=404)


@api.get("/orders/{order_id}")
async def read_order(request, order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@api.get("/boom")
async def boom(request):
    return {"result": 1 / 0}


urlpatterns = [path("", api.urls)]


# Unknown routes never reach Ninja, and with DEBUG off Ninja re-raises exceptions it has no
# handler for: both end in Django's URLconf error handlers, which replace its HTML pages.
def handler404(request, exception):
    return JsonResponse({"detail": "Not Found"}, status=404)


def handler500(request):
    # Django logs the traceback on the django.request logger (mailed to ADMINS when DEBUG is off).
    return JsonResponse({"detail": "Internal Server Error"}, status=500)


application = get_asgi_application()
