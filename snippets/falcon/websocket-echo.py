# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 websocket-echo:app
# WebSockets exist only in Falcon's ASGI flavour (falcon.asgi.App), served by an ASGI server.
import falcon.asgi
from falcon import WebSocketDisconnected


class Echo:
    async def on_websocket(self, req: falcon.asgi.Request, ws: falcon.asgi.WebSocket):
        await ws.accept()
        try:
            while True:
                await ws.send_text(await ws.receive_text())
        except WebSocketDisconnected:
            pass  # the client closed: Falcon and the server complete the handshake


app = falcon.asgi.App()
app.add_route("/ws/echo", Echo())
