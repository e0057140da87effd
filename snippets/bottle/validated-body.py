# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 validated-body:app
# Bottle has no built-in validation: the checks are written out by hand.
import json
from itertools import count

from bottle import Bottle, HTTPError, request, response

app = Bottle()
orders: dict[int, dict] = {}
next_id = count(1)


@app.post("/orders")
def create_order():
    data = request.json  # malformed JSON raises HTTPError(400)
    if not isinstance(data, dict):
        response.status = 400
        return {"error": "the body must be a JSON object"}
    errors = {}
    if not isinstance(data.get("item"), str):
        errors["item"] = "required, a string"
    quantity = data.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        errors["quantity"] = "required, an integer of at least 1"
    if errors:
        response.status = 422
        return {"error": "invalid order", "fields": errors}
    order = {"id": next(next_id), "item": data["item"], "quantity": quantity}
    orders[order["id"]] = order
    response.status = 201
    return order


@app.error(400)
def bad_request(error: HTTPError):
    response.content_type = "application/json"  # error handlers return text, not dicts
    return json.dumps({"error": error.body})
