# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-call:app
import os

import httpx
from flask import Flask
from flask_restful import Api, Resource

app = Flask(__name__)
api = Api(app)
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


class Quote(Resource):
    def get(self):
        try:
            response = upstream.get("/quote")
            response.raise_for_status()
        except httpx.TimeoutException:
            return {"message": "upstream timed out"}, 504
        except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
            return {"message": f"upstream failed: {type(exc).__name__}"}, 502
        return {"price": response.json()["price"]}


api.add_resource(Quote, "/quote")
