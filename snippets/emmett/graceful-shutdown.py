# Run: emmett -a graceful-shutdown.py serve --host 127.0.0.1 --port 8000 --workers 1
# Nothing to write in Emmett: on SIGTERM, Granian (the server `emmett serve` runs) lets the
# requests in flight finish before its workers exit.
import asyncio

from emmett import App
from emmett.tools import service

app = App(__name__)


@app.route("/slow", methods="get")
@service.json
async def slow():
    await asyncio.sleep(2)
    return {"status": "done"}
