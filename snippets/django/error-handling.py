# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 error-handling:application
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,  # with DEBUG on, Django would answer errors with its technical (traceback) pages
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[f"{__name__}.DomainErrors"],
)


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


class DomainErrors:
    """Middleware: process_exception sees what a view raised and may answer in its place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OrderNotFound):
            return JsonResponse({"error": str(exception)}, status=404)
        return None  # anything else goes on to handler500


def read_order(request, order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


def boom(request):
    return JsonResponse({"result": 1 / 0})


urlpatterns = [path("orders/<int:order_id>", read_order), path("boom", boom)]


# The URLconf's error handlers replace Django's HTML error pages.
def handler404(request, exception):
    return JsonResponse({"error": "not found"}, status=404)


def handler500(request):
    # Django logs the traceback on the django.request logger (mailed to ADMINS when DEBUG is off).
    return JsonResponse({"error": "internal server error"}, status=500)


application = get_wsgi_application()
