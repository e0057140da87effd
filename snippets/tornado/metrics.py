# Run: python metrics.py --host=127.0.0.1 --port=8000
# One process: prometheus-client keeps counters per process (several need its multiprocess mode).
import asyncio

from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from tornado.options import define, options, parse_command_line
from tornado.web import Application, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


class HelloHandler(RequestHandler):
    def get(self):
        self.write({"message": "Hello, World!"})


class MetricsHandler(RequestHandler):
    def get(self):
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.write(generate_latest())


ROUTES = [(r"/hello", HelloHandler), (r"/metrics", MetricsHandler)]
PATTERNS = {handler: pattern for pattern, handler in ROUTES}


# Tornado calls the log_function setting once at the end of every request, unknown routes
# included (it replaces the default access log line).
def count_request(handler: RequestHandler):
    route = PATTERNS.get(type(handler), "unmatched")
    REQUESTS.labels(handler.request.method, route, str(handler.get_status())).inc()


async def main():
    parse_command_line()
    app = Application(ROUTES, log_function=count_request)
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
