# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 path-query-params:app
from flask import Flask, request
from flask_restful import Api, Resource

app = Flask(__name__)
# /items/abc does not match <int:item_id>; catch_all_404s makes the Api answer that 404 in JSON too.
api = Api(app, catch_all_404s=True)


class Item(Resource):
    def get(self, item_id: int):
        return {"id": item_id, "q": request.args.get("q")}


api.add_resource(Item, "/items/<int:item_id>")
