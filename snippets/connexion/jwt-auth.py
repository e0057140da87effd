# Run: JWT_SECRET=change-me uvicorn --workers 1 --host 127.0.0.1 --port 8000 jwt-auth:app
import os

import jwt
import yaml
from connexion import AsyncApp
from connexion.exceptions import OAuthProblem
from connexion.lifecycle import ConnexionRequest
from connexion.problem import problem

# The spec declares the bearer scheme and protects /me with it; Connexion calls
# x-bearerInfoFunc with the token and refuses the request with a 401 when it fails.
SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Auth, version: "1.0"}
paths:
  /me:
    get:
      operationId: jwt-auth.me
      security: [{jwt: []}]
      responses:
        "200":
          description: The token's subject
          content:
            application/json:
              schema: {type: object}
components:
  securitySchemes:
    jwt:
      type: http
      scheme: bearer
      bearerFormat: JWT
      x-bearerInfoFunc: jwt-auth.decode_token
""")
SECRET = os.environ["JWT_SECRET"]


def decode_token(token: str) -> dict:
    try:
        return jwt.decode(token, SECRET, algorithms=["HS256"])
    except jwt.InvalidTokenError as error:  # bad signature, expired, malformed
        raise OAuthProblem(detail=str(error)) from None


async def me(user: str):  # Connexion passes the token's "sub" claim as `user`
    return {"sub": user}


# Connexion's 401 has no WWW-Authenticate header, which RFC 6750 asks for.
def unauthorized(request: ConnexionRequest, error: OAuthProblem):
    return problem(401, "Unauthorized", error.detail, headers={"WWW-Authenticate": 'Bearer realm="api"'})


app = AsyncApp(__name__)
app.add_api(SPEC)
app.add_error_handler(401, unauthorized)
