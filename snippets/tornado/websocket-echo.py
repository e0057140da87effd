# Run: python websocket-echo.py --host=127.0.0.1 --port=8000
import asyncio

from tornado.options import define, options, parse_command_line
from tornado.web import Application
from tornado.websocket import WebSocketHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)


class EchoHandler(WebSocketHandler):
    # Tornado answers the client's close frame itself.
    def on_message(self, message):
        self.write_message(message)


async def main():
    parse_command_line()
    app = Application([(r"/ws/echo", EchoHandler)])
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
