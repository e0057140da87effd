# Run: python structured-logging.py --host=127.0.0.1 --port=8000
import asyncio
import logging
import sys
import uuid
from functools import cached_property

from pythonjsonlogger.json import JsonFormatter
from tornado.log import access_log
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


class HealthHandler(BaseHandler):
    def get(self):
        self.write({"status": "ok"})


class NotFoundHandler(BaseHandler):
    def prepare(self):
        raise HTTPError(404)


# Tornado calls the application's log_function once a request is finished, in place of its own
# access line; this one writes the fields to Tornado's access logger, at Tornado's levels.
def log_request(handler: BaseHandler):
    status, request = handler.get_status(), handler.request
    level = logging.INFO if status < 400 else logging.WARNING if status < 500 else logging.ERROR
    fields = {"method": request.method, "path": request.path, "status": status}
    duration_ms = round(request.request_time() * 1000, 3)
    access_log.log(level, "request", extra=fields | {"duration_ms": duration_ms, "request_id": handler.request_id})


async def main():
    # Every log record, Tornado's own included, becomes one JSON line on standard output. With a
    # handler on the root logger already, parse_command_line adds no plain-text one of its own.
    stdout = logging.StreamHandler(sys.stdout)
    stdout.setFormatter(JsonFormatter("{levelname}{message}", style="{", rename_fields={"levelname": "level"}, timestamp=True))
    logging.basicConfig(handlers=[stdout])
    parse_command_line()
    app = Application([(r"/health", HealthHandler)], default_handler_class=NotFoundHandler, log_function=log_request)
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
