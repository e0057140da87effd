# Run: JWT_SECRET=change-me gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 jwt-auth:app
import os
from functools import wraps

import jwt
from aiohttp import web

routes = web.RouteTableDef()
SECRET = os.environ["JWT_SECRET"]


def unauthorized(reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=401, headers={"WWW-Authenticate": 'Bearer realm="api"'})


def require_token(handler):
    @wraps(handler)
    async def wrapper(request: web.Request) -> web.StreamResponse:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return unauthorized("missing bearer token")
        try:
            request["claims"] = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError as error:  # bad signature, expired, malformed
            return unauthorized(str(error))
        return await handler(request)

    return wrapper


@routes.get("/me")
@require_token
async def me(request: web.Request) -> web.Response:
    return web.json_response({"sub": request["claims"]["sub"]})


app = web.Application()
app.add_routes(routes)
