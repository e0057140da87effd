# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 validated-body:app
from itertools import count
from typing import Annotated

import msgspec
from litestar import Litestar, post


class Order(msgspec.Struct):
    item: str
    quantity: Annotated[int, msgspec.Meta(ge=1)]


class StoredOrder(Order):
    id: int


orders: dict[int, StoredOrder] = {}
next_id = count(1)


@post("/orders")  # POST handlers answer 201 Created by default
async def create_order(data: Order) -> StoredOrder:
    # A missing field, a wrong type or malformed JSON never gets here: Litestar answers 400 with the details.
    order = StoredOrder(item=data.item, quantity=data.quantity, id=next(next_id))
    orders[order.id] = order
    return order


app = Litestar([create_order])
