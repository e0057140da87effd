# Run: python graceful-shutdown.py --port 8000
# Nothing to write in CherryPy: its engine handles SIGTERM by stopping the server, which
# lets the requests in flight finish (for up to server.shutdown_timeout, 5 s by default).
import argparse
import time

import cherrypy


class Api:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def slow(self):
        time.sleep(2)
        return {"status": "done"}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Api())
