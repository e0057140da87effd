# Run: REDIS_URL=redis://127.0.0.1:6379/0 daphne --bind 127.0.0.1 --port 8000 group-broadcast:application
import os

from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    # Groups live in Redis, so every Daphne process sharing it reaches every member of a room.
    CHANNEL_LAYERS={
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [os.environ["REDIS_URL"]]},
        }
    },
)

from django.core.asgi import get_asgi_application

django_asgi_app = get_asgi_application()

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from django.urls import path


class RoomConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.group = f"room.{self.scope['url_route']['kwargs']['room']}"
        # self.channel_name is this connection's own inbox on the layer.
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        # Delivered to every member, the sender too; "room.message" calls room_message() on each.
        await self.channel_layer.group_send(self.group, {"type": "room.message", "text": text_data})

    async def room_message(self, event):
        await self.send(text_data=event["text"])


urlpatterns = []  # no HTTP views: plain HTTP requests get Django's 404
application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # <slug:...> admits only letters, digits, "-" and "_", all legal in a group name.
        "websocket": URLRouter([path("ws/rooms/<slug:room>", RoomConsumer.as_asgi())]),
    }
)
