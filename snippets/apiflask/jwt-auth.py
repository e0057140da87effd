# Run: JWT_SECRET=change-me gunicorn --workers 1 --bind 127.0.0.1:8000 jwt-auth:app
import os

import jwt
from apiflask import APIFlask, HTTPTokenAuth

app = APIFlask(__name__)
auth = HTTPTokenAuth(scheme="Bearer")  # its 401s carry WWW-Authenticate: Bearer realm="..."
SECRET = os.environ["JWT_SECRET"]


@auth.verify_token
def verify_token(token: str):
    try:
        return jwt.decode(token, SECRET, algorithms=["HS256"])
    except jwt.InvalidTokenError:  # bad signature, expired, malformed
        return None  # None means "not authenticated": APIFlask answers a JSON 401


@app.get("/me")
@app.auth_required(auth)
def me():
    return {"sub": auth.current_user["sub"]}
