# Run: python path-query-params.py --port 8000
import argparse
import json

import cherrypy


def json_error(status, message, traceback, version):
    # CherryPy renders HTTPErrors as HTML pages; an error_page callable can answer JSON instead.
    cherrypy.response.headers["Content-Type"] = "application/json"
    return json.dumps({"error": message})


@cherrypy.popargs("item_id")  # /items/42: the path segment becomes the item_id parameter
class Items:
    _cp_config = {"tools.trailing_slash.missing": False}  # or index wants /items/42/

    @cherrypy.expose
    @cherrypy.tools.json_out()
    @cherrypy.tools.params()  # converts parameters by annotation; a ValueError is a 400
    def index(self, item_id: int, q=None):
        return {"id": item_id, "q": q}


class Api:
    _cp_config = {"error_page.default": json_error}
    items = Items()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Api())
