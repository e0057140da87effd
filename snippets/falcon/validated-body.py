# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 validated-body:app
from itertools import count

import falcon
from falcon.media.validators import jsonschema

ORDER = {
    "type": "object",
    "properties": {
        "item": {"type": "string"},
        "quantity": {"type": "integer", "minimum": 1},
    },
    "required": ["item", "quantity"],
    "additionalProperties": False,
}


class Orders:
    def __init__(self):
        self.orders: dict[int, dict] = {}
        self.next_id = count(1)

    @jsonschema.validate(req_schema=ORDER)  # malformed JSON is already a 400 from req.media
    def on_post(self, req: falcon.Request, resp: falcon.Response):
        order = {"id": next(self.next_id), **req.media}
        self.orders[order["id"]] = order
        resp.status = falcon.HTTP_201
        resp.media = order


def name_the_field(req, resp, error: falcon.MediaValidationError, params):
    # The validator's message may omit the field ("'two' is not of type 'integer'");
    # the jsonschema error behind it knows where it is.
    raise falcon.MediaValidationError(title=error.title, description=f"{error.__cause__.json_path}: {error.description}")


app = falcon.App()
app.add_route("/orders", Orders())
app.add_error_handler(falcon.MediaValidationError, name_the_field)
