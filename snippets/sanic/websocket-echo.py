# Run: sanic websocket-echo:app --host=127.0.0.1 --port=8000 --workers=1
from sanic import Request, Sanic, Websocket

app = Sanic("Echo")


@app.websocket("/ws/echo")
async def echo(request: Request, ws: Websocket):
    # The loop ends when the client closes; Sanic answers the close frame itself.
    async for message in ws:
        await ws.send(message)
