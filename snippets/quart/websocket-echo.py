# Run: hypercorn --workers 1 --bind 127.0.0.1:8000 websocket-echo:app
from quart import Quart, websocket

app = Quart(__name__)


@app.websocket("/ws/echo")
async def echo():
    # When the client closes, Hypercorn answers the close frame and Quart cancels this loop.
    while True:
        message = await websocket.receive()
        await websocket.send(message)
