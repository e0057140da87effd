# Run: JWT_SECRET=change-me gunicorn --workers 1 --bind 127.0.0.1:8000 jwt-auth:app
import os
from functools import wraps

import jwt
from flask import Flask, g, request
from flask_restful import Api, Resource

app = Flask(__name__)
api = Api(app)
SECRET = os.environ["JWT_SECRET"]


def unauthorized(reason: str):
    return {"message": reason}, 401, {"WWW-Authenticate": 'Bearer realm="api"'}


def require_token(method):
    @wraps(method)
    def wrapper(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return unauthorized("missing bearer token")
        try:
            g.claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError as exc:  # bad signature, expired, malformed
            return unauthorized(str(exc))
        return method(*args, **kwargs)

    return wrapper


class Me(Resource):
    method_decorators = [require_token]  # wraps every HTTP method of the resource

    def get(self):
        return {"sub": g.claims["sub"]}


api.add_resource(Me, "/me")
