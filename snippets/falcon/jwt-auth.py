# Run: JWT_SECRET=change-me gunicorn --workers 1 --bind 127.0.0.1:8000 jwt-auth:app
import os

import falcon
import jwt

SECRET = os.environ["JWT_SECRET"]


def require_token(req: falcon.Request, resp: falcon.Response, resource, params):
    scheme, _, token = (req.auth or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        # challenges becomes the WWW-Authenticate header.
        raise falcon.HTTPUnauthorized(title="missing bearer token", challenges=['Bearer realm="api"'])
    try:
        req.context.claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    except jwt.InvalidTokenError as exc:  # bad signature, expired, malformed
        raise falcon.HTTPUnauthorized(title="invalid token", description=str(exc), challenges=['Bearer realm="api"']) from exc


class Me:
    @falcon.before(require_token)
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        resp.media = {"sub": req.context.claims["sub"]}


app = falcon.App()
app.add_route("/me", Me())
