# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 trace-propagation:app
import os

from aiohttp import ClientSession, ClientTimeout, web
from opentelemetry import trace
from opentelemetry.instrumentation.aiohttp_client import create_trace_config
from opentelemetry.instrumentation.aiohttp_server import AioHttpServerInstrumentor
from opentelemetry.sdk.trace import TracerProvider

# The SDK's provider records real spans with their own ids (add a span processor to export them).
trace.set_tracer_provider(TracerProvider())
# Before the app is made: every web.Application gets a middleware that opens a span per request,
# continuing the caller's trace (traceparent, tracestate) or starting a new one.
AioHttpServerInstrumentor().instrument()

routes = web.RouteTableDef()
upstream = web.AppKey("upstream", ClientSession)


@routes.get("/quote")
async def quote(request: web.Request) -> web.Response:
    async with request.app[upstream].get("/quote", raise_for_status=True) as response:
        data = await response.json()
    return web.json_response({"price": data["price"]})


async def client(app: web.Application):
    # The trace config makes this session's requests carry the current span's traceparent and tracestate.
    tracing = [create_trace_config()]
    async with ClientSession(os.environ["UPSTREAM_URL"], timeout=ClientTimeout(total=1), trace_configs=tracing) as session:
        app[upstream] = session
        yield


app = web.Application()
app.cleanup_ctx.append(client)
app.add_routes(routes)
