# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 validated-body:app
# Flask-RESTful's own parser (reqparse) is deprecated by its docs: the checks are written out by hand.
from itertools import count

from flask import Flask, request
from flask_restful import Api, Resource

app = Flask(__name__)
api = Api(app)
orders: dict[int, dict] = {}
next_id = count(1)


class Orders(Resource):
    def post(self):
        data = request.get_json()  # malformed JSON raises BadRequest: the Api answers it in JSON
        if not isinstance(data, dict):
            return {"message": "the body must be a JSON object"}, 400
        errors = {}
        if not isinstance(data.get("item"), str):
            errors["item"] = "required, a string"
        quantity = data.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            errors["quantity"] = "required, an integer of at least 1"
        if errors:
            return {"message": "invalid order", "fields": errors}, 422
        order = {"id": next(next_id), "item": data["item"], "quantity": quantity}
        orders[order["id"]] = order
        return order, 201


api.add_resource(Orders, "/orders")
