# Run: UPSTREAM_URL=http://127.0.0.1:9000 python trace-propagation.py --host=127.0.0.1 --port=8000
import asyncio
import os

from opentelemetry import trace
from opentelemetry.instrumentation.tornado import TornadoInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from tornado.escape import json_decode
from tornado.httpclient import AsyncHTTPClient
from tornado.options import define, options, parse_command_line
from tornado.web import Application, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)
UPSTREAM_URL = os.environ["UPSTREAM_URL"]

# The SDK's provider records real spans with their own ids (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())
# Every RequestHandler opens a span per request (the caller's trace continued, or a new one), and
# AsyncHTTPClient.fetch sends the current span's traceparent and tracestate on.
TornadoInstrumentor().instrument()


class QuoteHandler(RequestHandler):
    async def get(self):
        response = await AsyncHTTPClient().fetch(f"{UPSTREAM_URL}/quote", request_timeout=1)
        self.write({"price": json_decode(response.body)["price"]})


async def main():
    parse_command_line()
    app = Application([(r"/quote", QuoteHandler)])
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
