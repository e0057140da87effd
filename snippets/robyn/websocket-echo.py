# Run: env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python websocket-echo.py --processes 1
from robyn import Robyn

app = Robyn(__file__)


# Echoing works; closing does not: Robyn 0.88 drops the connection when the client sends its
# Close frame instead of answering it (RFC 6455), and its Python API cannot send one. The tests
# run this snippet and expect exactly that failure, so a fixed Robyn shows up at once.
@app.websocket("/ws/echo")
async def echo(websocket):
    while True:
        await websocket.send_text(await websocket.receive_text())


app.start()
