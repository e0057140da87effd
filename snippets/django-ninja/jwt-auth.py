# Run: JWT_SECRET=change-me uvicorn --workers 1 --host 127.0.0.1 --port 8000 jwt-auth:application
import os

import jwt
from django.conf import settings
from django.core.asgi import get_asgi_application
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],  # for the /docs page
)
SECRET = os.environ["JWT_SECRET"]

from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

api = NinjaAPI()


class JWTBearer(HttpBearer):
    # HttpBearer reads "Authorization: Bearer <token>"; a missing header never gets here.
    async def authenticate(self, request, token: str):
        try:
            return jwt.decode(token, SECRET, algorithms=["HS256"])  # becomes request.auth
        except jwt.InvalidTokenError:  # bad signature, expired, malformed
            return None  # refused: Ninja raises AuthenticationError


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    # Ninja's own 401 has no WWW-Authenticate header, which RFC 6750 asks for.
    response = api.create_response(request, {"detail": "Unauthorized"}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.get("/me", auth=JWTBearer())
async def me(request):
    return {"sub": request.auth["sub"]}


urlpatterns = [path("", api.urls)]
application = get_asgi_application()
