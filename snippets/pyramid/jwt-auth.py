# Run: JWT_SECRET=change-me gunicorn --workers 1 --bind 127.0.0.1:8000 jwt-auth:app
import os

import jwt
from pyramid.config import Configurator
from pyramid.security import Allowed, Denied
from pyramid.view import forbidden_view_config, view_config

SECRET = os.environ["JWT_SECRET"]


class BearerTokenPolicy:
    """Pyramid's security policy: who the request is, and what it may do."""

    def identity(self, request):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        try:
            return jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError:  # bad signature, expired, malformed
            return None

    def authenticated_userid(self, request):
        return request.identity["sub"] if request.identity else None

    def permits(self, request, context, permission):
        return Allowed("valid token") if request.identity else Denied("no valid bearer token")


@view_config(route_name="me", renderer="json", permission="read")
def me(request):
    return {"sub": request.authenticated_userid}


@forbidden_view_config(renderer="json")
def unauthorized(request):
    # A denied permission is a 403 Forbidden; here it only ever means "no valid token": a 401.
    request.response.status_code = 401
    request.response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return {"error": "a valid bearer token is required"}


with Configurator() as config:
    config.set_security_policy(BearerTokenPolicy())
    config.add_route("me", "/me")
    config.scan()
    app = config.make_wsgi_app()
