# Run: JWT_SECRET=change-me hypercorn --workers 1 --bind 127.0.0.1:8000 jwt-auth:app
import os
from functools import wraps

import jwt
from quart import Quart, g, request

app = Quart(__name__)
SECRET = os.environ["JWT_SECRET"]


def unauthorized(reason: str):
    return {"error": reason}, 401, {"WWW-Authenticate": 'Bearer realm="api"'}


def require_token(view):
    @wraps(view)
    async def wrapper(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return unauthorized("missing bearer token")
        try:
            g.claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError as exc:  # bad signature, expired, malformed
            return unauthorized(str(exc))
        return await view(*args, **kwargs)

    return wrapper


@app.get("/me")
@require_token
async def me():
    return {"sub": g.claims["sub"]}
