# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from flask import Flask, Response, request
from flask_restful import Api, Resource
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

app = Flask(__name__)
api = Api(app)
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


@app.after_request
def count(response):
    route = request.url_rule.rule if request.url_rule else "unmatched"
    REQUESTS.labels(request.method, route, str(response.status_code)).inc()
    return response


class Hello(Resource):
    def get(self):
        return {"message": "Hello, World!"}


class Metrics(Resource):
    def get(self):
        return Response(generate_latest(), content_type=CONTENT_TYPE_LATEST)  # a Response skips JSON encoding


api.add_resource(Hello, "/hello")
api.add_resource(Metrics, "/metrics")
