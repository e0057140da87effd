# Run: JWT_SECRET=change-me gunicorn --workers 1 --bind 127.0.0.1:8000 jwt-auth:app
import functools
import os

import jwt
from bottle import Bottle, request, response

app = Bottle()
SECRET = os.environ["JWT_SECRET"]


def unauthorized(reason: str):
    response.status = 401
    response.set_header("WWW-Authenticate", 'Bearer realm="api"')
    return {"error": reason}


def require_token(callback):
    # Like Bottle's own auth_basic decorator, for bearer tokens; the claims are passed on.
    @functools.wraps(callback)
    def wrapper(*args, **kwargs):
        scheme, _, token = request.get_header("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return unauthorized("missing bearer token")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError as exc:  # bad signature, expired, malformed
            return unauthorized(str(exc))
        return callback(*args, claims=claims, **kwargs)

    return wrapper


@app.get("/me")
@require_token
def me(claims: dict):
    return {"sub": claims["sub"]}
