# Run: sanic middleware-request-id:app --host=127.0.0.1 --port=8000 --workers=1
from sanic import HTTPResponse, Request, Sanic, json

app = Sanic("RequestIds")


# request.id is the caller's X-Request-ID (REQUEST_ID_HEADER) or a new UUID; response
# middleware also runs on error responses.
@app.on_response
async def add_request_id(request: Request, response: HTTPResponse):
    response.headers["X-Request-ID"] = str(request.id)


@app.get("/health")
async def health(request: Request):
    return json({"status": "ok"})
