# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 validated-body:application
import json
from itertools import count

from django import forms
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

settings.configure(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "localhost"], ROOT_URLCONF=__name__)

orders: dict[int, dict] = {}
next_id = count(1)


class OrderForm(forms.Form):
    # Django validates with forms; a form is as happy with a decoded JSON object as with form data.
    item = forms.CharField()
    quantity = forms.IntegerField(min_value=1)


@require_POST
def create_order(request):
    try:
        data = json.loads(request.body)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return JsonResponse({"error": "the body must be a JSON object"}, status=400)
    form = OrderForm(data)
    if not form.is_valid():
        return JsonResponse({"error": "invalid order", "fields": form.errors.get_json_data()}, status=422)
    order = {"id": next(next_id), **form.cleaned_data}
    orders[order["id"]] = order
    return JsonResponse(order, status=201)


urlpatterns = [path("orders", create_order)]
application = get_wsgi_application()
