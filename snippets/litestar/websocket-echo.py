# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 websocket-echo:app
# uvicorn speaks WebSocket only with a protocol library installed (here `websockets`).
from litestar import Litestar, websocket_listener


# A listener handles accept, the receive loop and disconnects; what it returns is sent back.
@websocket_listener("/ws/echo")
async def echo(data: str) -> str:
    return data


app = Litestar([echo])
