# Run: JWT_SECRET=change-me uvicorn --workers 1 --host 127.0.0.1 --port 8000 jwt-auth:app
import os
from typing import Any

import jwt
from litestar import Litestar, Request, get
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult, DefineMiddleware

SECRET = os.environ["JWT_SECRET"]
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api"'}


class JWTAuthentication(AbstractAuthenticationMiddleware):
    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        scheme, _, token = connection.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise NotAuthorizedException("missing bearer token", headers=CHALLENGE)
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError as exc:  # bad signature, expired, malformed
            raise NotAuthorizedException(str(exc), headers=CHALLENGE) from exc
        return AuthenticationResult(user=claims["sub"], auth=claims)


@get("/me")
async def me(request: Request[str, dict, Any]) -> dict[str, str]:
    return {"sub": request.user}


# The middleware guards every route; its exclude= patterns (or a handler's opt={"exclude_from_auth": True}) open some.
app = Litestar([me], middleware=[DefineMiddleware(JWTAuthentication)])
