# Run: python validated-body.py --host=127.0.0.1 --port=8000
# Tornado has no built-in validation: the checks are written out by hand.
import asyncio
from itertools import count

from tornado.escape import json_decode
from tornado.options import define, options, parse_command_line
from tornado.web import Application, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)

orders: dict[int, dict] = {}
next_id = count(1)


class OrdersHandler(RequestHandler):
    def post(self):
        try:
            data = json_decode(self.request.body)
        except ValueError as error:
            return self.refuse(400, {"error": "the body is not valid JSON", "detail": str(error)})
        if not isinstance(data, dict):
            return self.refuse(400, {"error": "the body must be a JSON object"})
        errors = {}
        if not isinstance(data.get("item"), str):
            errors["item"] = "required, a string"
        quantity = data.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            errors["quantity"] = "required, an integer of at least 1"
        if errors:
            return self.refuse(422, {"error": "invalid order", "fields": errors})
        order = {"id": next(next_id), "item": data["item"], "quantity": quantity}
        orders[order["id"]] = order
        self.set_status(201)
        self.write(order)

    def refuse(self, status: int, body: dict):
        self.set_status(status)
        self.write(body)


async def main():
    parse_command_line()
    app = Application([(r"/orders", OrdersHandler)])
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
