# Run: sanic validated-body:app --host=127.0.0.1 --port=8000 --workers=1
from itertools import count

from pydantic import BaseModel, Field
from sanic import Request, Sanic, json
from sanic_ext import validate

app = Sanic("Orders")
app.config.FALLBACK_ERROR_FORMAT = "json"  # validation errors and malformed JSON answer 400 in JSON
orders: dict[int, dict] = {}
next_id = count(1)


class Order(BaseModel):
    item: str
    quantity: int = Field(ge=1)


@app.post("/orders")
@validate(json=Order)  # Sanic Extensions: a 400 naming the field when the body does not fit
async def create_order(request: Request, body: Order):
    order = {"id": next(next_id), **body.model_dump()}
    orders[order["id"]] = order
    return json(order, status=201)
