# Run: emmett -a error-handling.py serve --host 127.0.0.1 --port 8000 --workers 1
import json

from emmett import App, Pipe, response
from emmett.tools import ServicePipe

app = App(__name__)


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


class DomainErrors(Pipe):
    # app.on_error is keyed by HTTP status, not by exception class: a pipe around every route
    # maps the domain exception to its status, and the JSON pipe before it encodes the answer.
    async def pipe_request(self, next_pipe, **kwargs):
        try:
            return await next_pipe(**kwargs)
        except OrderNotFound as error:
            response.status = 404
            return {"error": str(error)}


app.pipeline = [ServicePipe("json"), DomainErrors()]


@app.route("/orders/<int:order_id>", methods="get")
async def read_order(order_id: int):
    raise OrderNotFound(order_id)  # no orders are stored in this example


@app.route("/boom", methods="get")
async def boom():
    return {"result": 1 / 0}


# Error handlers return the body as a string: 404 for unknown routes, 500 for unhandled
# exceptions (Emmett logs the traceback; outside debug mode nothing of it reaches the client).
@app.on_error(404)
async def not_found():
    response.headers["content-type"] = "application/json"
    return json.dumps({"error": "not found"})


@app.on_error(500)
async def internal_error():
    response.headers["content-type"] = "application/json"
    return json.dumps({"error": "internal server error"})
