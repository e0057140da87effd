# Run: python error-handling.py --host=127.0.0.1 --port=8000
import asyncio

from tornado.options import define, options, parse_command_line
from tornado.web import Application, HTTPError, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)


class OrderNotFound(HTTPError):
    """Tornado maps exceptions to statuses through HTTPError: a subclass carries its own."""

    def __init__(self, order_id: int):
        super().__init__(404)
        self.message = f"order {order_id} not found"


class JSONHandler(RequestHandler):
    # write_error is Tornado's error handler: it renders every error response of this handler.
    # Unexpected exceptions arrive as 500s and are logged with their traceback; the client
    # only gets the reason phrase.
    def write_error(self, status_code, exc_info=None, **kwargs):
        error = exc_info[1] if exc_info else None
        message = error.message if isinstance(error, OrderNotFound) else self._reason
        self.finish({"error": message})


class OrderHandler(JSONHandler):
    def get(self, order_id):
        raise OrderNotFound(int(order_id))  # no orders are stored in this example


class BoomHandler(JSONHandler):
    def get(self):
        self.write({"result": 1 / 0})


class NotFoundHandler(JSONHandler):
    def prepare(self):
        raise HTTPError(404)


async def main():
    parse_command_line()
    app = Application(
        [(r"/orders/(\d+)", OrderHandler), (r"/boom", BoomHandler)],
        default_handler_class=NotFoundHandler,  # unknown routes
    )
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
