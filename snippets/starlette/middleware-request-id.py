# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 middleware-request-id:app
import uuid

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route


class RequestID(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        response = await call_next(request)  # error responses such as the 404 come back through here too
        response.headers["X-Request-ID"] = request_id
        return response


async def health(request):
    return JSONResponse({"status": "ok"})


app = Starlette(routes=[Route("/health", health)], middleware=[Middleware(RequestID)])
