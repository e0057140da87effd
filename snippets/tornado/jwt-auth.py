# Run: JWT_SECRET=change-me python jwt-auth.py --host=127.0.0.1 --port=8000
import asyncio
import os

import jwt
from tornado.options import define, options, parse_command_line
from tornado.web import Application, HTTPError, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)
SECRET = os.environ["JWT_SECRET"]


class BearerAuthHandler(RequestHandler):
    # get_current_user is Tornado's authentication hook; self.current_user calls it once.
    def get_current_user(self):
        scheme, _, token = self.request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        try:
            return jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError:  # bad signature, expired, malformed
            return None

    def prepare(self):
        if not self.current_user:
            raise HTTPError(401)

    def write_error(self, status_code, **kwargs):
        if status_code == 401:
            self.set_header("WWW-Authenticate", 'Bearer realm="api"')
        self.finish({"error": self._reason})


class MeHandler(BearerAuthHandler):
    def get(self):
        self.write({"sub": self.current_user["sub"]})


async def main():
    parse_command_line()
    app = Application([(r"/me", MeHandler)])
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
