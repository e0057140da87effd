# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 middleware-request-id:app
import uuid

import falcon


class RequestId:
    def process_request(self, req: falcon.Request, resp: falcon.Response):
        req.context.request_id = req.get_header("X-Request-ID") or uuid.uuid4().hex

    def process_response(self, req, resp, resource, req_succeeded: bool):
        # Runs for every request, error responses included.
        resp.set_header("X-Request-ID", req.context.request_id)


class Health:
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        resp.media = {"status": "ok"}


app = falcon.App(middleware=[RequestId()])
app.add_route("/health", Health())
