# Run: python path-query-params.py --host=127.0.0.1 --port=8000
import asyncio

from tornado.options import define, options, parse_command_line
from tornado.web import Application, HTTPError, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)


class JSONHandler(RequestHandler):
    def write_error(self, status_code, **kwargs):
        self.finish({"error": self._reason})  # JSON instead of Tornado's HTML error page


class ItemHandler(JSONHandler):
    # Tornado passes URL groups as strings: the pattern refuses non-digits, the int() is ours.
    def get(self, item_id):
        self.write({"id": int(item_id), "q": self.get_query_argument("q", None)})


class NotFoundHandler(JSONHandler):
    def prepare(self):
        raise HTTPError(404)


async def main():
    parse_command_line()
    # /items/abc matches no pattern, so it reaches the default handler: a JSON 404.
    app = Application([(r"/items/(\d+)", ItemHandler)], default_handler_class=NotFoundHandler)
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
