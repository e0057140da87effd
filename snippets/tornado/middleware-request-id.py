# Run: python middleware-request-id.py --host=127.0.0.1 --port=8000
# Tornado has no middleware: a base handler class is where cross-cutting code goes.
import asyncio
import uuid
from functools import cached_property

from tornado.options import define, options, parse_command_line
from tornado.web import Application, HTTPError, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)


class BaseHandler(RequestHandler):
    @cached_property
    def request_id(self) -> str:
        return self.request.headers.get("X-Request-ID") or uuid.uuid4().hex

    # Called for every response, and again when an error replaces the headers.
    def set_default_headers(self):
        self.set_header("X-Request-ID", self.request_id)

    def write_error(self, status_code, **kwargs):
        self.finish({"error": self._reason})


class HealthHandler(BaseHandler):
    def get(self):
        self.write({"status": "ok"})


class NotFoundHandler(BaseHandler):
    def prepare(self):
        raise HTTPError(404)


async def main():
    parse_command_line()
    app = Application([(r"/health", HealthHandler)], default_handler_class=NotFoundHandler)
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
