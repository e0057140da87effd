# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 validated-body:app
# Pyramid has no validation of its own (Colander, from the same Pylons project, is the
# usual companion): the checks are written out by hand.
from itertools import count

from pyramid.config import Configurator
from pyramid.view import view_config

orders: dict[int, dict] = {}
next_id = count(1)


@view_config(route_name="orders", request_method="POST", renderer="json")
def create_order(request):
    try:
        data = request.json_body
    except ValueError:
        request.response.status_code = 400
        return {"error": "the body is not valid JSON"}
    if not isinstance(data, dict):
        request.response.status_code = 400
        return {"error": "the body must be a JSON object"}
    errors = {}
    if not isinstance(data.get("item"), str):
        errors["item"] = "required, a string"
    quantity = data.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        errors["quantity"] = "required, an integer of at least 1"
    if errors:
        request.response.status_code = 422
        return {"error": "invalid order", "fields": errors}
    order = {"id": next(next_id), "item": data["item"], "quantity": quantity}
    orders[order["id"]] = order
    request.response.status_code = 201
    return order


with Configurator() as config:
    config.add_route("orders", "/orders")
    config.scan()
    app = config.make_wsgi_app()
