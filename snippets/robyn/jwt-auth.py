# Run: JWT_SECRET=change-me env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python jwt-auth.py --processes 1
import os

import jwt
from robyn import Request, Response, Robyn, jsonify
from robyn.authentication import AuthenticationHandler, BearerGetter, Identity

app = Robyn(__file__)
SECRET = os.environ["JWT_SECRET"]


class JWTAuthentication(AuthenticationHandler):
    def authenticate(self, request: Request) -> Identity | None:
        token = self.token_getter.get_token(request)  # what follows "Bearer ", or None
        if token is None:
            return None
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError:  # bad signature, expired, malformed
            return None
        return Identity(claims={"sub": claims["sub"]})

    # Robyn's own 401 names the token getter class (WWW-Authenticate: BearerGetter).
    @property
    def unauthorized_response(self) -> Response:
        headers = {"WWW-Authenticate": 'Bearer realm="api"', "Content-Type": "application/json"}
        return Response(401, headers, jsonify({"error": "a valid bearer token is required"}))


app.configure_authentication(JWTAuthentication(token_getter=BearerGetter()))


@app.get("/me", auth_required=True)
def me(request: Request):
    return {"sub": request.identity.claims["sub"]}


app.start()
