# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 hello-json:app
import falcon


class Hello:
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        resp.media = {"message": "Hello, World!"}


app = falcon.App()
app.add_route("/hello", Hello())
