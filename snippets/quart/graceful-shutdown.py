# Run: hypercorn --workers 1 --bind 127.0.0.1:8000 graceful-shutdown:app
# Nothing to write in Quart: on SIGTERM Hypercorn stops accepting connections and waits for the
# requests in flight (for up to --graceful-timeout, 3 s by default), then runs after_serving.
import asyncio

from quart import Quart

app = Quart(__name__)


@app.get("/slow")
async def slow():
    await asyncio.sleep(2)
    return {"status": "done"}
