# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 websocket-echo:app
# uvicorn speaks WebSocket only with a protocol library installed (here `websockets`).
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute


async def echo(websocket):
    await websocket.accept()
    async for message in websocket.iter_text():  # ends when the client closes; the server answers the close
        await websocket.send_text(message)


app = Starlette(routes=[WebSocketRoute("/ws/echo", echo)])
