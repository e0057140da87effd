# Run: env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python validated-body.py --processes 1
from itertools import count

from pydantic import BaseModel, Field
from robyn import Robyn

app = Robyn(__file__)
orders: dict[int, dict] = {}
next_id = count(1)


class Order(BaseModel):
    item: str
    quantity: int = Field(ge=1)


# A pydantic-typed parameter is the request body, validated: a 422 in JSON names the
# field when it does not fit, or says the body is not JSON at all.
@app.post("/orders", status_code=201)
def create_order(body: Order):
    order = {"id": next(next_id), **body.model_dump()}
    orders[order["id"]] = order
    return order


app.start()
