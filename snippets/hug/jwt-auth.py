# Run: JWT_SECRET=change-me gunicorn --workers 1 --bind 127.0.0.1:8000 jwt-auth:__hug_wsgi__
import os

import hug
import jwt

SECRET = os.environ["JWT_SECRET"]


def bearer(request, response, verify_user, **kwargs):
    """Bearer token"""
    scheme, _, token = (request.auth or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None  # hug answers 401 "Authentication Required"
    return verify_user(token)  # a falsy user: 401 "Invalid Authentication"


def verify_jwt(token: str):
    try:
        return jwt.decode(token, SECRET, algorithms=["HS256"])
    except jwt.InvalidTokenError:  # bad signature, expired, malformed
        return False


# hug.authentication.token would pass the whole header and challenge with "token", not
# "Bearer": the same authenticator helper builds a bearer one.
jwt_auth = hug.authentication.authenticator(bearer, challenges=['Bearer realm="api"'])(verify_jwt)


@hug.get("/me", requires=jwt_auth)
def me(user: hug.directives.user):
    return {"sub": user["sub"]}
