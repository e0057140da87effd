# Run: python graceful-shutdown.py --host=127.0.0.1 --port=8000
import asyncio
import signal

from tornado.options import define, options, parse_command_line
from tornado.web import Application, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)
GRACE_SECONDS = 5


class SlowHandler(RequestHandler):
    async def get(self):
        await asyncio.sleep(2)
        self.write({"status": "done"})


async def main():
    parse_command_line()
    server = Application([(r"/slow", SlowHandler)]).listen(options.port, options.host)
    shutdown_event = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, shutdown_event.set)
    await shutdown_event.wait()
    # Tornado's server does not drain by itself: stop accepting connections, then give the
    # requests in flight a fixed grace period (what Tornado's maintainers advise, rather than
    # counting open requests). Returning from main() then ends the process.
    server.stop()
    await asyncio.sleep(GRACE_SECONDS)


if __name__ == "__main__":
    asyncio.run(main())
