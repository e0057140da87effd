# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 validated-body:app
# Flask has no built-in validation: the checks are written out by hand.
from itertools import count

from flask import Flask, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
orders: dict[int, dict] = {}
next_id = count(1)


@app.post("/orders")
def create_order():
    data = request.get_json()  # malformed JSON raises BadRequest (400)
    if not isinstance(data, dict):
        return {"error": "the body must be a JSON object"}, 400
    errors = {}
    if not isinstance(data.get("item"), str):
        errors["item"] = "required, a string"
    quantity = data.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        errors["quantity"] = "required, an integer of at least 1"
    if errors:
        return {"error": "invalid order", "fields": errors}, 422
    order = {"id": next(next_id), "item": data["item"], "quantity": quantity}
    orders[order["id"]] = order
    return order, 201


@app.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return {"error": error.name, "detail": error.description}, error.code
