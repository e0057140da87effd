# Run: JWT_SECRET=change-me python jwt-auth.py --port 8000
import argparse
import json
import os

import cherrypy
import jwt

SECRET = os.environ["JWT_SECRET"]


def json_error(status, message, traceback, version):
    # CherryPy renders HTTPErrors as HTML pages; an error_page callable can answer JSON instead.
    cherrypy.response.headers["Content-Type"] = "application/json"
    return json.dumps({"error": message})


def unauthorized(reason: str):
    cherrypy.response.headers["WWW-Authenticate"] = 'Bearer realm="api"'  # error responses keep it
    raise cherrypy.HTTPError(401, reason)


def require_token():
    scheme, _, token = cherrypy.request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        unauthorized("missing bearer token")
    try:
        cherrypy.request.claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    except jwt.InvalidTokenError as exc:  # bad signature, expired, malformed
        unauthorized(str(exc))


cherrypy.tools.jwt = cherrypy.Tool("before_handler", require_token)


class Api:
    _cp_config = {"error_page.default": json_error}

    @cherrypy.expose
    @cherrypy.tools.jwt()
    @cherrypy.tools.json_out()
    def me(self):
        return {"sub": cherrypy.request.claims["sub"]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Api())
