# Run: python middleware-request-id.py --port 8000
import argparse
import uuid

import cherrypy


def add_request_id():
    # Set as the request starts: error responses keep the headers already set.
    request_id = cherrypy.request.headers.get("X-Request-ID") or uuid.uuid4().hex
    cherrypy.response.headers["X-Request-ID"] = request_id


# A Tool is CherryPy's middleware: a function attached to a hook point of every request.
cherrypy.tools.request_id = cherrypy.Tool("on_start_resource", add_request_id)


class Api:
    _cp_config = {"tools.request_id.on": True}

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def health(self):
        return {"status": "ok"}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Api())
