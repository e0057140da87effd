# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 hello-json:app
from flask import Flask
from flask_restful import Api, Resource

app = Flask(__name__)
api = Api(app)


class Hello(Resource):
    def get(self):
        return {"message": "Hello, World!"}


api.add_resource(Hello, "/hello")
