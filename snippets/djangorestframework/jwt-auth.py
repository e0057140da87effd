# Run: JWT_SECRET=change-me gunicorn --workers 1 --bind 127.0.0.1:8000 jwt-auth:application
import os
from dataclasses import dataclass

import jwt
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
SECRET = os.environ["JWT_SECRET"]

from rest_framework import authentication, exceptions
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response


@dataclass
class TokenUser:
    """The caller as the token describes it: no user table behind it."""

    sub: str
    is_authenticated: bool = True


class JWTAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None  # not attempted: IsAuthenticated then refuses with a 401
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError as exc:  # bad signature, expired, malformed
            raise exceptions.AuthenticationFailed(str(exc)) from exc
        return TokenUser(claims["sub"]), claims

    def authenticate_header(self, request):
        # DRF sends this as WWW-Authenticate, and answers 401 rather than 403 because it exists.
        return 'Bearer realm="api"'


@api_view(["GET"])
@authentication_classes([JWTAuthentication])
@permission_classes([IsAuthenticated])
def me(request):
    return Response({"sub": request.user.sub})


urlpatterns = [path("me", me)]
application = get_wsgi_application()
