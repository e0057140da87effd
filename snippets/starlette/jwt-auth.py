# Run: JWT_SECRET=change-me uvicorn --workers 1 --host 127.0.0.1 --port 8000 jwt-auth:app
import os

import jwt
from starlette.applications import Starlette
from starlette.authentication import AuthCredentials, AuthenticationBackend, AuthenticationError, SimpleUser
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route

SECRET = os.environ["JWT_SECRET"]


class JWTBackend(AuthenticationBackend):
    # Raising (rather than returning None for anonymous users) puts every route of this app behind the token.
    async def authenticate(self, conn):
        scheme, _, token = conn.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise AuthenticationError("missing bearer token")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError as exc:  # bad signature, expired, malformed
            raise AuthenticationError(str(exc)) from exc
        return AuthCredentials(["authenticated"]), SimpleUser(claims["sub"])


def unauthorized(conn, exc: AuthenticationError):
    return JSONResponse({"error": str(exc)}, status_code=401, headers={"WWW-Authenticate": 'Bearer realm="api"'})


async def me(request):
    return JSONResponse({"sub": request.user.username})


app = Starlette(
    routes=[Route("/me", me)],
    middleware=[Middleware(AuthenticationMiddleware, backend=JWTBackend(), on_error=unauthorized)],
)
