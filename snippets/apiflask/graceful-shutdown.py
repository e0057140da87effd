# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 graceful-shutdown:app
# Nothing to write in APIFlask: on SIGTERM gunicorn stops accepting connections and lets workers
# finish the requests they are serving (for up to --graceful-timeout, 30 s by default).
import time

from apiflask import APIFlask

app = APIFlask(__name__)


@app.get("/slow")
def slow():
    time.sleep(2)
    return {"status": "done"}
