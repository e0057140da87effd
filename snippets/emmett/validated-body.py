# Run: emmett -a validated-body.py serve --host 127.0.0.1 --port 8000 --workers 1
import json
from itertools import count

from emmett import App, request, response
from emmett.orm import Database, Field, Model
from emmett.tools import service

app = App(__name__)


# Emmett's validators are declared on ORM models (and on forms, which only process a submission
# that carries the form's hidden _csrf_token field): this model only holds the rules, and its
# database is never connected.
class Order(Model):
    item = Field.string()
    quantity = Field.int()  # an int field also validates {"is": "int"}
    validation = {
        "item": {"presence": True},
        "quantity": {"gte": 1, "message": "must be an integer of at least 1"},
    }


db = Database(app, auto_connect=False)
db.define_models(Order)
orders: dict[int, dict] = {}
next_id = count(1)


@app.route("/orders", methods="post")
@service.json
async def create_order():
    # request.body_params turns a body that is not JSON into {} silently: parse it here instead.
    try:
        data = json.loads(await request.body)
    except ValueError as exc:
        response.status = 400
        return {"error": f"the body is not valid JSON: {exc}"}
    if not isinstance(data, dict):
        response.status = 400
        return {"error": "the body must be a JSON object"}
    errors = Order.validate(data, write_values=True)  # also stores the converted values
    if errors:
        response.status = 422
        return {"error": "invalid order", "fields": errors}
    order = {"id": next(next_id), "item": data["item"], "quantity": data["quantity"]}
    orders[order["id"]] = order
    response.status = 201
    return order
