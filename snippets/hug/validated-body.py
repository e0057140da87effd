# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 validated-body:__hug_wsgi__
# The JSON body's fields arrive as arguments; hug types convert and check them, and a
# failure is a 400 listing each field's error. They convert leniently: hug.types.number
# is int(), so "3" and 2.7 are accepted as 3 and 2.
import json
from itertools import count

import hug

orders: dict[int, dict] = {}
next_id = count(1)


@hug.post("/orders", status=hug.HTTP_201)
def create_order(item: hug.types.text, quantity: hug.types.greater_than(0)):
    order = {"id": next(next_id), "item": item, "quantity": quantity}
    orders[order["id"]] = order
    return order


@hug.exception(json.JSONDecodeError, status=hug.HTTP_400)
def malformed_json(exception):
    # hug parses the body before validation and lets the decoder's error escape (a 500).
    return {"errors": {"body": f"not valid JSON: {exception}"}}
