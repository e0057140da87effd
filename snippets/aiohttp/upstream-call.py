# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 upstream-call:app
import os

from aiohttp import ClientError, ClientSession, ClientTimeout, web

routes = web.RouteTableDef()
upstream = web.AppKey("upstream", ClientSession)


@routes.get("/quote")
async def quote(request: web.Request) -> web.Response:
    try:
        async with request.app[upstream].get("/quote", raise_for_status=True) as response:
            data = await response.json()
    except TimeoutError:  # before ClientError: aiohttp's timeout errors are both
        return web.json_response({"error": "upstream timed out"}, status=504)
    except ClientError as exc:  # refused, reset, or a 5xx/4xx answer
        return web.json_response({"error": f"upstream failed: {type(exc).__name__}"}, status=502)
    return web.json_response({"price": data["price"]})


# One session for the app's lifetime (pooled connections), closed at shutdown.
async def client(app: web.Application):
    async with ClientSession(os.environ["UPSTREAM_URL"], timeout=ClientTimeout(total=1)) as session:
        app[upstream] = session
        yield


app = web.Application()
app.cleanup_ctx.append(client)
app.add_routes(routes)
