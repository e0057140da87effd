# Run: env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python graceful-shutdown.py --processes 1
# Robyn 0.88 drains the request in flight on SIGTERM but its process then never exits (with
# several processes the parent kills its workers at once). The tests expect this failure.
import asyncio

from robyn import Robyn

app = Robyn(__file__)


@app.get("/slow")
async def slow():
    await asyncio.sleep(2)
    return {"status": "done"}


app.start()
