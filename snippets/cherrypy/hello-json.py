# Run: python hello-json.py --port 8000
import argparse

import cherrypy


class Api:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def hello(self):
        return {"message": "Hello, World!"}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Api())
