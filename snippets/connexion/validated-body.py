# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 validated-body:app
from itertools import count

import yaml
from connexion import AsyncApp

# Connexion validates the body against this schema before the function runs: a missing
# field, a wrong type, a quantity below 1 or malformed JSON is a 400 that says what is wrong.
SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Orders, version: "1.0"}
paths:
  /orders:
    post:
      operationId: validated-body.create_order
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [item, quantity]
              properties:
                item: {type: string}
                quantity: {type: integer, minimum: 1}
      responses:
        "201":
          description: The order, with its new id
          content:
            application/json:
              schema: {type: object}
""")
orders: dict[int, dict] = {}
next_id = count(1)


async def create_order(body: dict):
    order = {"id": next(next_id), "item": body["item"], "quantity": body["quantity"]}
    orders[order["id"]] = order
    return order, 201


app = AsyncApp(__name__)
app.add_api(SPEC)  # errors are RFC 9457 problem documents (application/problem+json)
