# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 database-crud:application
import json

import dj_database_url
import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    DATABASES={"default": dj_database_url.config()},  # parses DATABASE_URL into Django's settings dict
)
django.setup()  # models can only be declared once the app registry is ready

from django.core.wsgi import get_wsgi_application
from django.db import IntegrityError, connection, models
from django.forms.models import model_to_dict
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST


class Item(models.Model):
    sku = models.TextField(primary_key=True)
    name = models.TextField()
    quantity = models.IntegerField()

    class Meta:
        # A model belongs to an app; naming one here spares this one-file project an INSTALLED_APPS
        # entry (and a package to put it in). The ORM needs nothing more.
        app_label = "inventory"
        db_table = "items"


# A real project runs `manage.py migrate` once before starting its servers; this one-file
# service has no migrations, so the schema editor creates the table at start-up if it is missing.
if Item._meta.db_table not in connection.introspection.table_names():
    with connection.schema_editor() as editor:
        editor.create_model(Item)


@require_POST
def create_item(request):
    data = json.loads(request.body)
    try:
        # create() always INSERTs (save() on a set primary key would UPDATE an existing row),
        # so the primary key constraint, not a prior SELECT, refuses a duplicate: no race.
        item = Item.objects.create(sku=data["sku"], name=data["name"], quantity=data["quantity"])
    except IntegrityError:
        return JsonResponse({"error": f"item {data['sku']} already exists"}, status=409)
    return JsonResponse(model_to_dict(item), status=201)


@require_GET
def read_item(request, sku: str):
    try:
        item = Item.objects.get(sku=sku)
    except Item.DoesNotExist:
        return JsonResponse({"error": f"item {sku} not found"}, status=404)
    return JsonResponse(model_to_dict(item))


urlpatterns = [path("items", create_item), path("items/<str:sku>", read_item)]
application = get_wsgi_application()
