# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 error-handling:application
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,  # with DEBUG on, Django would answer errors with its technical (traceback) pages
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
        "EXCEPTION_HANDLER": f"{__name__}.exception_handler",
    },
)

from rest_framework import views
from rest_framework.decorators import api_view
from rest_framework.response import Response


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


def exception_handler(exc, context):
    if isinstance(exc, OrderNotFound):
        return Response({"error": str(exc)}, status=404)
    # DRF's own handler answers its APIExceptions and returns None for anything else,
    # which DRF re-raises for Django to answer with handler500.
    return views.exception_handler(exc, context)


@api_view(["GET"])
def read_order(request, order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@api_view(["GET"])
def boom(request):
    return Response({"result": 1 / 0})


urlpatterns = [path("orders/<int:order_id>", read_order), path("boom", boom)]


# The URLconf's error handlers cover what no DRF view sees: unknown routes and uncaught exceptions.
def handler404(request, exception):
    return JsonResponse({"detail": "Not found."}, status=404)


handler500 = "rest_framework.exceptions.server_error"  # DRF's JSON 500 view
application = get_wsgi_application()
