# Run: hypercorn --workers 1 --bind 127.0.0.1:8000 validated-body:app
# Quart has no built-in validation (its API tutorial adds the Quart-Schema extension): the checks are written out by hand.
from itertools import count

from quart import Quart, request
from werkzeug.exceptions import HTTPException

app = Quart(__name__)
orders: dict[int, dict] = {}
next_id = count(1)


@app.post("/orders")
async def create_order():
    data = await request.get_json()  # malformed JSON raises BadRequest (400)
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
async def http_error(error: HTTPException):
    return {"error": error.name, "detail": error.description}, error.code
