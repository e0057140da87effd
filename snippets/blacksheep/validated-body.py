# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 validated-body:app
# BlackSheep binds request bodies but validates them only through Pydantic models (installed separately).
from itertools import count

from blacksheep import Application, FromJSON, json, post
from blacksheep.exceptions import BadRequest
from blacksheep.server.responses import created
from pydantic import BaseModel, Field, ValidationError

app = Application()


class Order(BaseModel):
    item: str
    quantity: int = Field(ge=1)


class StoredOrder(Order):
    id: int


orders: dict[int, StoredOrder] = {}
next_id = count(1)


@post("/orders")
async def create_order(order: FromJSON[Order]):
    stored = StoredOrder(id=next(next_id), **order.value.model_dump())
    orders[stored.id] = stored
    return created(stored)


@app.exception_handler(400)
async def bad_request(app, request, exc: BadRequest):
    # By default Pydantic's errors come back as a JSON list and malformed JSON as text: make both an object.
    if isinstance(exc.__cause__, ValidationError):
        return json({"error": "invalid order", "fields": exc.__cause__.errors(include_url=False)}, status=400)
    return json({"error": str(exc)}, status=400)
