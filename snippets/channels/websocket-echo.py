# Run: daphne --bind 127.0.0.1 --port 8000 websocket-echo:application
# A whole Django project in one file; Channels routes each connection by its protocol.
from django.conf import settings

settings.configure(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "localhost"], ROOT_URLCONF=__name__)

from django.core.asgi import get_asgi_application

django_asgi_app = get_asgi_application()  # sets Django up before any consumer code is imported

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from django.urls import path


class EchoConsumer(AsyncWebsocketConsumer):
    # One instance per connection; connect() accepts by default, and Daphne answers the close handshake.
    async def receive(self, text_data=None, bytes_data=None):
        await self.send(text_data=text_data)


urlpatterns = []  # no HTTP views: plain HTTP requests get Django's 404
application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": URLRouter([path("ws/echo", EchoConsumer.as_asgi())]),
    }
)
