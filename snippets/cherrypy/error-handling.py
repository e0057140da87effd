# Run: python error-handling.py --port 8000
import argparse
import json
import sys

import cherrypy


class OrderNotFound(Exception):
    def __init__(self, order_id: str):
        super().__init__(f"order {order_id} not found")


def json_error(status, message, traceback, version):
    # CherryPy renders HTTPErrors as HTML pages; an error_page callable can answer JSON instead.
    cherrypy.response.headers["Content-Type"] = "application/json"
    return json.dumps({"error": message})


def handle_error():
    # request.error_response answers every exception that is not an HTTPError; the
    # log_tracebacks tool has already logged it. Both answers go through json_error.
    error = sys.exc_info()[1]
    if isinstance(error, OrderNotFound):
        cherrypy.HTTPError(404, str(error)).set_response()
    else:
        cherrypy.HTTPError(500).set_response()  # the generic message: no exception text


class Api:
    _cp_config = {"error_page.default": json_error, "request.error_response": handle_error}

    @cherrypy.expose
    def orders(self, order_id: str):  # /orders/999 calls orders("999")
        raise OrderNotFound(order_id)  # no orders are stored in this example

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def boom(self):
        return {"result": 1 / 0}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Api())
