# Run: python hello-json.py --host=127.0.0.1 --port=8000
import asyncio

from tornado.options import define, options, parse_command_line
from tornado.web import Application, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)


class HelloHandler(RequestHandler):
    def get(self):
        self.write({"message": "Hello, World!"})  # a dict is written as JSON, with its Content-Type


async def main():
    parse_command_line()
    app = Application([(r"/hello", HelloHandler)])
    app.listen(options.port, options.host)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
