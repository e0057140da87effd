# Run: python metrics.py --port 8000
# One process: prometheus-client keeps counters per process (several need its multiprocess mode).
import argparse

import cherrypy
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


def count_requests():
    request = cherrypy.request
    # Object dispatch maps paths to methods rather than matching patterns: the path that
    # found a handler is its route. Later tools wrap request.handler, so look now.
    route = "unmatched" if isinstance(request.handler, cherrypy.NotFound) else request.path_info

    def count():
        REQUESTS.labels(request.method, route, cherrypy.response.status.split()[0]).inc()

    request.hooks.attach("on_end_request", count)  # runs once the response is final, errors included


# A Tool is CherryPy's middleware: a function attached to a hook point of every request.
cherrypy.tools.count_requests = cherrypy.Tool("on_start_resource", count_requests)


class Api:
    _cp_config = {"tools.count_requests.on": True}

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def hello(self):
        return {"message": "Hello, World!"}

    @cherrypy.expose
    def metrics(self):
        cherrypy.response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return generate_latest()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Api())
