# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 path-query-params:application
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "localhost"], ROOT_URLCONF=__name__)


def read_item(request, item_id: int):
    return JsonResponse({"id": item_id, "q": request.GET.get("q")})


# The <int:...> converter turns the id into an int; /items/abc matches no route, so it is a 404.
urlpatterns = [path("items/<int:item_id>", read_item)]


def handler404(request, exception):
    # Django's own 404 page is HTML: the URLconf's handler404 makes it JSON.
    return JsonResponse({"error": "not found", "path": request.path}, status=404)


application = get_wsgi_application()
