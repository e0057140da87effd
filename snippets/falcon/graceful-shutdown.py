# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 graceful-shutdown:app
# Nothing to write in Falcon: on SIGTERM gunicorn stops accepting connections and lets workers
# finish the requests they are serving (for up to --graceful-timeout, 30 s by default).
import time

import falcon


class Slow:
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        time.sleep(2)
        resp.media = {"status": "done"}


app = falcon.App()
app.add_route("/slow", Slow())
