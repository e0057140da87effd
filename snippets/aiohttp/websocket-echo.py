# Run: gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 websocket-echo:app
from aiohttp import WSMsgType, web

routes = web.RouteTableDef()


@routes.get("/ws/echo")
async def echo(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    # The loop ends when the client closes; aiohttp answers the close frame itself.
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            await ws.send_str(msg.data)
    return ws


app = web.Application()
app.add_routes(routes)
