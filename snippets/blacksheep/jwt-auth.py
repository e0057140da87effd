# Run: JWT_SECRET=change-me uvicorn --workers 1 --host 127.0.0.1 --port 8000 jwt-auth:app
import os

import jwt
from blacksheep import Application, Request, get, json
from blacksheep.server.authentication import AuthenticationHandler
from blacksheep.server.authorization import auth
from guardpost import Identity, UnauthorizedError

app = Application()
SECRET = os.environ["JWT_SECRET"]


class JWTBearer(AuthenticationHandler):
    # BlackSheep's own JWTBearerAuthentication insists on audiences and issuers; this one checks the
    # signature and expiry only.
    async def authenticate(self, context: Request) -> Identity | None:
        scheme, _, token = (context.get_first_header(b"Authorization") or b"").decode().partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError:  # bad signature, expired, malformed: the user stays anonymous
            return None
        return Identity(claims, "Bearer")


app.use_authentication().add(JWTBearer())
app.use_authorization()


@app.exception_handler(UnauthorizedError)
async def unauthorized(app, request, exc: UnauthorizedError):
    # The default 401 names no scheme, so clients are not told to send a Bearer token.
    response = json({"error": "a valid bearer token is required"}, status=401)
    response.set_header(b"WWW-Authenticate", b'Bearer realm="api"')
    return response


@auth()  # requires an authenticated user
@get("/me")
async def me(user: Identity):
    return {"sub": user.sub}
