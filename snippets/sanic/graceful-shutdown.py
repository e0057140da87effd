# Run: sanic graceful-shutdown:app --host=127.0.0.1 --port=8000 --workers=1
# Nothing to write in Sanic: on SIGTERM its server stops accepting connections and waits for
# the requests in flight (for up to GRACEFUL_SHUTDOWN_TIMEOUT, 15 s by default).
import asyncio

from sanic import Request, Sanic, json

app = Sanic("Slow")


@app.get("/slow")
async def slow(request: Request):
    await asyncio.sleep(2)
    return json({"status": "done"})
