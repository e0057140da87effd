# Run: gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 validated-body:app
# aiohttp has no built-in validation: the checks are written out by hand.
import json
from itertools import count

from aiohttp import web

routes = web.RouteTableDef()
orders: dict[int, dict] = {}
next_id = count(1)


@routes.post("/orders")
async def create_order(request: web.Request) -> web.Response:
    try:
        data = await request.json()
    except json.JSONDecodeError as error:
        return web.json_response({"error": "the body is not valid JSON", "detail": str(error)}, status=400)
    if not isinstance(data, dict):
        return web.json_response({"error": "the body must be a JSON object"}, status=400)
    errors = {}
    if not isinstance(data.get("item"), str):
        errors["item"] = "required, a string"
    quantity = data.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        errors["quantity"] = "required, an integer of at least 1"
    if errors:
        return web.json_response({"error": "invalid order", "fields": errors}, status=422)
    order = {"id": next(next_id), "item": data["item"], "quantity": quantity}
    orders[order["id"]] = order
    return web.json_response(order, status=201)


app = web.Application()
app.add_routes(routes)
