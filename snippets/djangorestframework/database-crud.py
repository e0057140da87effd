# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 database-crud:application
import dj_database_url
import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    DATABASES={"default": dj_database_url.config()},  # parses DATABASE_URL into Django's settings dict
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
)
django.setup()  # models can only be declared once the app registry is ready

from django.core.wsgi import get_wsgi_application
from django.db import IntegrityError, connection, models
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import APIException
from rest_framework.routers import SimpleRouter


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


class Conflict(APIException):  # DRF's way to a status it has no exception for
    status_code = 409
    default_detail = "An item with this sku already exists."
    default_code = "conflict"


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Item
        fields = ["sku", "name", "quantity"]
        # ModelSerializer would check sku's uniqueness with a SELECT first, which races;
        # without that validator the primary key constraint decides.
        extra_kwargs = {"sku": {"validators": []}}


class ItemViewSet(mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Item.objects.all()
    serializer_class = ItemSerializer

    def perform_create(self, serializer):
        try:
            serializer.save()  # Item.objects.create(): always an INSERT
        except IntegrityError:
            raise Conflict() from None


router = SimpleRouter(trailing_slash=False)
router.register("items", ItemViewSet)  # POST /items and GET /items/<pk>; an unknown pk is a JSON 404
urlpatterns = router.urls
application = get_wsgi_application()
