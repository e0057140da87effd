# Run: env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python middleware-request-id.py --processes 1
import uuid

from robyn import Request, Response, Robyn

app = Robyn(__file__)


# Global middlewares (no endpoint given) run for every request, unknown routes included.
@app.before_request()
def take_request_id(request: Request):
    if not request.headers.get("X-Request-ID"):
        request.headers.set("X-Request-ID", uuid.uuid4().hex)  # handlers see it too
    return request


@app.after_request()
def add_request_id(request: Request, response: Response):
    response.headers.set("X-Request-ID", request.headers.get("X-Request-ID"))
    return response


@app.get("/health")
def health():
    return {"status": "ok"}


app.start()
