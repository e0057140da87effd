# Run: JWT_SECRET=change-me gunicorn --workers 1 --bind 127.0.0.1:8000 jwt-auth:application
import os
from functools import wraps

import jwt
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "localhost"], ROOT_URLCONF=__name__)
SECRET = os.environ["JWT_SECRET"]


def unauthorized(reason: str):
    return JsonResponse({"error": reason}, status=401, headers={"WWW-Authenticate": 'Bearer realm="api"'})


def bearer_token_required(view):
    # A view decorator, like Django's own login_required.
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return unauthorized("missing bearer token")
        try:
            request.claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError as exc:  # bad signature, expired, malformed
            return unauthorized(str(exc))
        return view(request, *args, **kwargs)

    return wrapper


@bearer_token_required
def me(request):
    return JsonResponse({"sub": request.claims["sub"]})


urlpatterns = [path("me", me)]
application = get_wsgi_application()
