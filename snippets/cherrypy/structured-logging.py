# Run: python structured-logging.py --port 8000
import argparse
import logging
import sys
import time

import cherrypy
from pythonjsonlogger.json import JsonFormatter

# One JSON object per line on standard output, stamped in UTC (timestamp=True).
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(JsonFormatter("%(levelname)s %(message)s", rename_fields={"levelname": "level"}, timestamp=True))
access = logging.getLogger("access")
access.addHandler(handler)
access.setLevel(logging.INFO)
access.propagate = False


def json_access_log():
    request, response = cherrypy.request, cherrypy.response
    started = time.perf_counter()
    # The caller's id, or the one CherryPy gives every request. Set now, the header stays on
    # error responses too.
    request_id = request.headers.get("X-Request-ID") or str(request.unique_id)
    response.headers["X-Request-ID"] = request_id

    def log_request():
        fields = {"method": request.method, "path": request.path_info, "status": int(response.status.split()[0])}
        duration_ms = round((time.perf_counter() - started) * 1000, 3)
        access.info("request", extra=fields | {"duration_ms": duration_ms, "request_id": request_id})

    request.hooks.attach("on_end_request", log_request)  # runs once the response is final, errors included


# A Tool is CherryPy's middleware: a function attached to a hook point of every request.
cherrypy.tools.json_access_log = cherrypy.Tool("on_start_resource", json_access_log)


class Api:
    _cp_config = {"tools.json_access_log.on": True}

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def health(self):
        return {"status": "ok"}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    # Its screen log would put plain-text access lines on standard output: it stays off (as in the
    # production environment), and its error log goes to standard error.
    cherrypy.config.update({"environment": "production", "log.screen": False, "server.socket_port": parser.parse_args().port})
    cherrypy.log.error_log.addHandler(logging.StreamHandler(sys.stderr))
    cherrypy.quickstart(Api())
