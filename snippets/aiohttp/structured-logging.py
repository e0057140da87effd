# Run: gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 structured-logging:app
import logging
import sys
import time
import uuid

from aiohttp import web
from pythonjsonlogger.json import JsonFormatter

# Every record that reaches the root logger (aiohttp's own errors too) is one JSON line on standard
# output. gunicorn keeps its loggers to itself, on standard error; its access log, which the aiohttp
# worker would use, is off unless --access-logfile is given.
stdout = logging.StreamHandler(sys.stdout)
stdout.setFormatter(JsonFormatter("{levelname}{message}", style="{", rename_fields={"levelname": "level"}, timestamp=True))
logging.basicConfig(level=logging.INFO, handlers=[stdout])
log = logging.getLogger("aiohttp.access")

routes = web.RouteTableDef()


@web.middleware
async def log_request(request: web.Request, handler) -> web.StreamResponse:
    start = time.perf_counter()
    request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    try:
        response = await handler(request)
    except web.HTTPException as error:  # error responses (such as the 404 of an unknown route) are raised
        response = error
    response.headers["X-Request-ID"] = request_id
    duration_ms = round((time.perf_counter() - start) * 1000, 3)
    fields = {"method": request.method, "path": request.path, "status": response.status}
    log.info("request", extra=fields | {"duration_ms": duration_ms, "request_id": request_id})
    if isinstance(response, web.HTTPException):
        raise response
    return response


@routes.get("/health")
async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


app = web.Application(middlewares=[log_request])
app.add_routes(routes)
