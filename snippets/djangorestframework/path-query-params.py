# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 path-query-params:application
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
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
def read_item(request, item_id: int):
    return Response({"id": item_id, "q": request.query_params.get("q")})


# Django's <int:...> converter types the id; /items/abc matches no route and never reaches DRF.
urlpatterns = [path("items/<int:item_id>", read_item)]


def handler404(request, exception):
    # Django's own 404 page is HTML: the URLconf's handler404 answers like DRF's NotFound instead.
    return JsonResponse({"detail": "Not found."}, status=404)


application = get_wsgi_application()
