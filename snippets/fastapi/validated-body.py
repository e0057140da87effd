# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 validated-body:app
from itertools import count

from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class Order(BaseModel):
    item: str
    quantity: int = Field(ge=1)


class StoredOrder(Order):
    id: int


orders: dict[int, StoredOrder] = {}
next_id = count(1)


@app.post("/orders", status_code=201)
async def create_order(order: Order) -> StoredOrder:
    # A missing field, a wrong type or malformed JSON never gets here: FastAPI answers 422 with the details.
    stored = StoredOrder(id=next(next_id), **order.model_dump())
    orders[stored.id] = stored
    return stored
