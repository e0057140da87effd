# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 validated-body:app
from itertools import count

from apiflask import APIFlask, Schema
from apiflask.fields import Integer, String
from apiflask.validators import Range

app = APIFlask(__name__)
orders: dict[int, dict] = {}
next_id = count(1)


class OrderIn(Schema):
    item = String(required=True)
    # strict: "2" and 2.5 are refused instead of being coerced to 2.
    quantity = Integer(required=True, strict=True, validate=Range(min=1))


class OrderOut(Schema):
    id = Integer()
    item = String()
    quantity = Integer()


# A body that fails OrderIn (or is not JSON) never reaches the view: APIFlask answers
# 422 (400 for malformed JSON) with the field errors under "detail".
@app.post("/orders")
@app.input(OrderIn, location="json")
@app.output(OrderOut, status_code=201)
def create_order(json_data: dict):
    order = {"id": next(next_id), **json_data}
    orders[order["id"]] = order
    return order
