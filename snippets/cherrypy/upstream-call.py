# Run: UPSTREAM_URL=http://127.0.0.1:9000 python upstream-call.py --port 8000
import argparse
import os

import cherrypy
import httpx

upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


class Api:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def quote(self):
        try:
            response = upstream.get("/quote")
            response.raise_for_status()
        except httpx.TimeoutException:
            cherrypy.response.status = 504
            return {"error": "upstream timed out"}
        except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
            cherrypy.response.status = 502
            return {"error": f"upstream failed: {type(exc).__name__}"}
        return {"price": response.json()["price"]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Api())
