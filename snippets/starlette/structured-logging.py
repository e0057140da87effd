# Run: uvicorn --no-access-log --workers 1 --host 127.0.0.1 --port 8000 structured-logging:app
import logging
import sys
import time
import uuid

from pythonjsonlogger.json import JsonFormatter
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route

# One JSON object per line on standard output; uvicorn's own messages stay on standard error and
# --no-access-log turns off its plain-text request lines.
stdout = logging.StreamHandler(sys.stdout)
stdout.setFormatter(JsonFormatter("{levelname}{message}", style="{", rename_fields={"levelname": "level"}, timestamp=True))
logging.basicConfig(level=logging.INFO, handlers=[stdout])  # the root logger: uvicorn's loggers do not reach it
log = logging.getLogger("access")


class AccessLog(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        start = time.perf_counter()
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        response = await call_next(request)  # the router's 404 comes back through here too
        response.headers["X-Request-ID"] = request_id
        log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.url.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - start) * 1000, 3),
                "request_id": request_id,
            },
        )
        return response


async def health(request):
    return JSONResponse({"status": "ok"})


app = Starlette(routes=[Route("/health", health)], middleware=[Middleware(AccessLog)])
