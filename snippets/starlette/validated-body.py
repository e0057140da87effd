# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 validated-body:app
# Starlette has no built-in validation: the checks are written out by hand.
import json
from itertools import count

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

orders: dict[int, dict] = {}
next_id = count(1)


async def create_order(request):
    try:
        data = await request.json()
    except json.JSONDecodeError as exc:
        return JSONResponse({"error": "the body is not valid JSON", "detail": str(exc)}, status_code=400)
    if not isinstance(data, dict):
        return JSONResponse({"error": "the body must be a JSON object"}, status_code=400)
    errors = {}
    if not isinstance(data.get("item"), str):
        errors["item"] = "required, a string"
    quantity = data.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        errors["quantity"] = "required, an integer of at least 1"
    if errors:
        return JSONResponse({"error": "invalid order", "fields": errors}, status_code=422)
    order = {"id": next(next_id), "item": data["item"], "quantity": quantity}
    orders[order["id"]] = order
    return JSONResponse(order, status_code=201)


app = Starlette(routes=[Route("/orders", create_order, methods=["POST"])])
