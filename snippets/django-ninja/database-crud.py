# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 database-crud:application
from concurrent.futures import ThreadPoolExecutor

import dj_database_url
import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
    DATABASES={"default": dj_database_url.config()},  # parses DATABASE_URL into Django's settings dict
)
django.setup()  # models can only be declared once the app registry is ready

from django.core.asgi import get_asgi_application
from django.db import IntegrityError, connection, models
from django.shortcuts import aget_object_or_404
from django.urls import path
from ninja import ModelSchema, NinjaAPI
from ninja.errors import HttpError


class Item(models.Model):
    sku = models.TextField(primary_key=True)
    name = models.TextField()
    quantity = models.IntegerField()

    class Meta:
        # A model belongs to an app; naming one here spares this one-file project an INSTALLED_APPS
        # entry (and a package to put it in). The ORM needs nothing more.
        app_label = "inventory"
        db_table = "items"


def create_table() -> None:
    # A real project runs `manage.py migrate` once before starting its servers; this one-file
    # service has no migrations, so the schema editor creates the table at start-up if it is missing.
    if Item._meta.db_table not in connection.introspection.table_names():
        with connection.schema_editor() as editor:
            editor.create_model(Item)
    connection.close()


# With --workers above 1, uvicorn imports this module inside each worker's event loop, where
# Django refuses blocking database calls; a thread of its own is outside that loop.
with ThreadPoolExecutor(1) as pool:
    pool.submit(create_table).result()

api = NinjaAPI()


class ItemSchema(ModelSchema):  # a Pydantic model built from the Django model's fields
    sku: str  # ModelSchema makes a primary key optional (databases usually generate it); not this one

    class Meta:
        model = Item
        fields = ["sku", "name", "quantity"]


@api.post("/items", response={201: ItemSchema})
async def create_item(request, payload: ItemSchema):
    try:
        # acreate() always INSERTs, so the primary key constraint refuses a duplicate: no race.
        item = await Item.objects.acreate(**payload.model_dump())
    except IntegrityError:
        raise HttpError(409, f"item {payload.sku} already exists") from None
    return 201, item


@api.get("/items/{sku}", response=ItemSchema)
async def read_item(request, sku: str):
    return await aget_object_or_404(Item, sku=sku)  # Ninja answers Http404 with a JSON 404


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
