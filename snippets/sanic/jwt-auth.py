# Run: JWT_SECRET=change-me sanic jwt-auth:app --host=127.0.0.1 --port=8000 --workers=1
import os
from functools import wraps

import jwt
from sanic import Request, Sanic, json
from sanic.exceptions import Unauthorized

app = Sanic("Auth")
app.config.FALLBACK_ERROR_FORMAT = "json"
SECRET = os.environ["JWT_SECRET"]


def protected(handler):
    @wraps(handler)
    async def wrapper(request: Request, *args, **kwargs):
        # request.token is the credential after "Bearer " in the Authorization header.
        # Unauthorized(scheme="Bearer") answers 401 with a WWW-Authenticate: Bearer header.
        if not request.token:
            raise Unauthorized("missing bearer token", scheme="Bearer")
        try:
            request.ctx.claims = jwt.decode(request.token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError as error:  # bad signature, expired, malformed
            raise Unauthorized(str(error), scheme="Bearer") from None
        return await handler(request, *args, **kwargs)

    return wrapper


@app.get("/me")
@protected
async def me(request: Request):
    return json({"sub": request.ctx.claims["sub"]})
