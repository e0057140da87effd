# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 middleware-request-id:app
# Flask-RESTful has no middleware of its own: the Flask app's request hooks do the work.
import uuid

from flask import Flask, g, request
from flask_restful import Api, Resource

app = Flask(__name__)
api = Api(app, catch_all_404s=True)


@app.before_request
def take_request_id():
    g.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex


@app.after_request
def add_request_id(response):
    # after_request also runs for the Api's error responses.
    response.headers["X-Request-ID"] = g.get("request_id") or uuid.uuid4().hex
    return response


class Health(Resource):
    def get(self):
        return {"status": "ok"}


api.add_resource(Health, "/health")
