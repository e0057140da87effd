# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 middleware-request-id:app
import uuid

from blacksheep import Application, get

app = Application()


async def request_id(request, handler):
    request_id = request.get_first_header(b"X-Request-ID") or uuid.uuid4().hex.encode()
    try:
        response = await handler(request)
    except Exception as exc:  # errors, the 404 included, reach middleware as exceptions: render them here
        response = await app.handle_request_handler_exception(request, exc)
    response.set_header(b"X-Request-ID", request_id)
    return response


app.middlewares.append(request_id)


@get("/health")
async def health():
    return {"status": "ok"}
