# Run: emmett -a websocket-echo.py serve --host 127.0.0.1 --port 8000 --workers 1
from emmett import App, websocket

app = App(__name__)


@app.websocket("/ws/echo")
async def echo():
    # When the client leaves, Emmett stops this loop and closes the socket.
    while True:
        message = await websocket.receive()
        await websocket.send(message)
