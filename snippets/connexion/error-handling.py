# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 error-handling:app
import json
import logging

import yaml
from connexion import AsyncApp
from connexion.lifecycle import ConnexionRequest, ConnexionResponse

SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Errors, version: "1.0"}
paths:
  /orders/{order_id}:
    get:
      operationId: error-handling.read_order
      parameters:
        - {name: order_id, in: path, required: true, schema: {type: integer}}
      responses:
        "200": {description: The order}
        "404": {description: No such order}
  /boom:
    get:
      operationId: error-handling.boom
      responses:
        "200": {description: Never}
""")


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


async def read_order(order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


async def boom():
    return {"result": 1 / 0}


def json_response(status: int, body: dict) -> ConnexionResponse:
    return ConnexionResponse(status_code=status, mimetype="application/json", body=json.dumps(body))


def order_not_found(request: ConnexionRequest, error: OrderNotFound) -> ConnexionResponse:
    return json_response(404, {"error": str(error)})


def unexpected(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    logging.getLogger(__name__).error("unhandled error", exc_info=error)  # the traceback goes to the log
    return json_response(500, {"error": "internal server error"})


app = AsyncApp(__name__)
app.add_api(SPEC)
app.add_error_handler(OrderNotFound, order_not_found)
app.add_error_handler(Exception, unexpected)
