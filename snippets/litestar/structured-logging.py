# Run: uvicorn --no-access-log --workers 1 --host 127.0.0.1 --port 8000 structured-logging:app
import time
import uuid

import structlog
from litestar import Litestar, get
from litestar.datastructures import Headers, MutableScopeHeaders
from litestar.plugins.structlog import StructlogConfig, StructlogPlugin
from litestar.types import ASGIApp, Message, Receive, Scope, Send

log = structlog.get_logger()


def access_log(app: ASGIApp) -> ASGIApp:
    """Litestar runs middleware only for requests that match a route, so a 404 would never reach
    one: this wraps the whole application instead, as any ASGI middleware can."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await app(scope, receive, send)
        start = time.perf_counter()
        request_id = Headers.from_scope(scope).get("X-Request-ID") or uuid.uuid4().hex
        status = 500  # unless a response starts

        async def send_tagged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableScopeHeaders.from_message(message)["X-Request-ID"] = request_id
            await send(message)

        try:
            await app(scope, receive, send_tagged)
        finally:
            duration_ms = round((time.perf_counter() - start) * 1000, 3)
            log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                duration_ms=duration_ms,
                request_id=request_id,
            )

    return middleware


@get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


# Litestar's structlog plugin renders every record as one JSON line (timestamp and level included)
# on standard output; its own request logging would write two lines a request, so it is off.
litestar_app = Litestar([health], plugins=[StructlogPlugin(StructlogConfig(enable_middleware_logging=False))])
app = access_log(litestar_app)
