# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 validated-body:application
from itertools import count

from django.conf import settings
from django.core.wsgi import get_wsgi_application
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

from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

orders: dict[int, dict] = {}
next_id = count(1)


class OrderSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    item = serializers.CharField()
    quantity = serializers.IntegerField(min_value=1)

    def create(self, validated_data):
        order = {"id": next(next_id), **validated_data}
        orders[order["id"]] = order
        return order


@api_view(["POST"])
def create_order(request):
    # request.data parses the body: malformed JSON raises ParseError, a 400 in JSON.
    serializer = OrderSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)  # a 400 naming each invalid field
    serializer.save()
    return Response(serializer.data, status=201)


urlpatterns = [path("orders", create_order)]
application = get_wsgi_application()
