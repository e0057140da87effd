# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 middleware-request-id:app
import uuid

from bottle import Bottle, request, response

app = Bottle()


@app.hook("after_request")
def add_request_id():
    # Runs after every request and sees HTTPErrors such as 404s, but an uncaught exception
    # only becomes its 500 response afterwards, without this header (bottlepy/bottle#671).
    response.set_header("X-Request-ID", request.get_header("X-Request-ID") or uuid.uuid4().hex)


@app.get("/health")
def health():
    return {"status": "ok"}
