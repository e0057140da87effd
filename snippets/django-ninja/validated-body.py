# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 validated-body:application
from itertools import count

from django.conf import settings
from django.core.asgi import get_asgi_application
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
)

from ninja import Field, NinjaAPI, Schema

api = NinjaAPI()
orders: dict[int, dict] = {}
next_id = count(1)


class OrderIn(Schema):  # a Pydantic model: invalid bodies are a 422 listing each error
    item: str
    quantity: int = Field(ge=1)


class OrderOut(OrderIn):
    id: int


# A schema-typed argument is read from the JSON body; malformed JSON is a 400.
@api.post("/orders", response={201: OrderOut})
async def create_order(request, order: OrderIn):
    stored = {"id": next(next_id), **order.model_dump()}
    orders[stored["id"]] = stored
    return 201, stored


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
