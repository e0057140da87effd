# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 middleware-request-id:app
import uuid

from litestar import Litestar, get
from litestar.datastructures import Headers, MutableScopeHeaders
from litestar.types import Message, Scope


# Litestar's middleware wraps the route handlers, so a request that matches no route (a 404) never
# passes through it. The before_send hook sees every response the application sends.
def add_request_id(message: Message, scope: Scope) -> None:
    if message["type"] == "http.response.start":
        request_id = Headers.from_scope(scope).get("X-Request-ID") or uuid.uuid4().hex
        MutableScopeHeaders.from_message(message)["X-Request-ID"] = request_id


@get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


app = Litestar([health], before_send=[add_request_id])
