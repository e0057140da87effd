# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 graceful-shutdown:app
# Nothing to write in Flask-RESTful: on SIGTERM gunicorn stops accepting connections and lets
# workers finish the requests they are serving (for up to --graceful-timeout, 30 s by default).
import time

from flask import Flask
from flask_restful import Api, Resource

app = Flask(__name__)
api = Api(app)


class Slow(Resource):
    def get(self):
        time.sleep(2)
        return {"status": "done"}


api.add_resource(Slow, "/slow")
