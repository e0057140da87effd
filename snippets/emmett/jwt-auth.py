# Run: JWT_SECRET=change-me emmett -a jwt-auth.py serve --host 127.0.0.1 --port 8000 --workers 1
import os

import jwt
from emmett import App, Pipe, request, response
from emmett.tools import ServicePipe

app = App(__name__)
SECRET = os.environ["JWT_SECRET"]


class BearerAuth(Pipe):
    # A pipe may stop the flow with its own answer, or pass values on to the route as arguments.
    async def pipe_request(self, next_pipe, **kwargs):
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        try:
            if scheme.lower() != "bearer" or not token:
                raise jwt.InvalidTokenError("missing bearer token")
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])  # signature and exp
        except jwt.InvalidTokenError as exc:
            response.status = 401
            response.headers["www-authenticate"] = 'Bearer realm="api"'
            return {"error": str(exc)}
        return await next_pipe(claims=claims, **kwargs)


@app.route("/me", methods="get", pipeline=[ServicePipe("json"), BearerAuth()])
async def me(claims: dict):
    return {"sub": claims["sub"]}
