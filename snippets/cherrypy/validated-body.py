# Run: python validated-body.py --port 8000
# CherryPy has no validation of its own: the checks are written out by hand.
import argparse
import json
from itertools import count

import cherrypy


def json_error(status, message, traceback, version):
    # CherryPy renders HTTPErrors as HTML pages; an error_page callable can answer JSON instead.
    cherrypy.response.headers["Content-Type"] = "application/json"
    return json.dumps({"error": message})


class Api:
    _cp_config = {"error_page.default": json_error}

    def __init__(self):
        self.store: dict[int, dict] = {}
        self.next_id = count(1)

    @cherrypy.expose
    @cherrypy.tools.allow(methods=["POST"])
    @cherrypy.tools.json_in()  # malformed JSON is a 400
    @cherrypy.tools.json_out()
    def orders(self):
        data = cherrypy.request.json
        if not isinstance(data, dict):
            cherrypy.response.status = 400
            return {"error": "the body must be a JSON object"}
        errors = {}
        if not isinstance(data.get("item"), str):
            errors["item"] = "required, a string"
        quantity = data.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            errors["quantity"] = "required, an integer of at least 1"
        if errors:
            cherrypy.response.status = 422
            return {"error": "invalid order", "fields": errors}
        order = {"id": next(self.next_id), "item": data["item"], "quantity": quantity}
        self.store[order["id"]] = order
        cherrypy.response.status = 201
        return order


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Api())
