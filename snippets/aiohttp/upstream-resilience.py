# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 upstream-resilience:app
import asyncio
import os

from aiohttp import ClientConnectionError, ClientError, ClientResponseError, ClientSession, web
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential_jitter

routes = web.RouteTableDef()
upstream = web.AppKey("upstream", ClientSession)


def transient(exc: BaseException) -> bool:
    """Worth another attempt: a refused or dropped connection, or a 502/503/504 answer."""
    if isinstance(exc, ClientResponseError):
        return exc.status in (502, 503, 504)
    return isinstance(exc, ClientConnectionError) and not isinstance(exc, TimeoutError)


# Three attempts at most, 0.1-0.2 s then 0.2-0.3 s apart (exponential backoff with jitter).
@retry(
    retry=retry_if_exception(transient),
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.1, max=1.0, jitter=0.1),
    reraise=True,
)
async def fetch_price(session: ClientSession) -> int:
    async with session.get("/quote", raise_for_status=True) as response:
        return (await response.json())["price"]


@routes.get("/quote")
async def quote(request: web.Request) -> web.Response:
    try:
        async with asyncio.timeout(2):  # the deadline covers every attempt and every pause
            price = await fetch_price(request.app[upstream])
    except TimeoutError:  # before ClientError: aiohttp's own timeout errors are both
        return web.json_response({"error": "upstream timed out"}, status=504)
    except ClientError as exc:  # refused, reset, or still failing after the last attempt
        return web.json_response({"error": f"upstream failed: {type(exc).__name__}"}, status=502)
    return web.json_response({"price": price})


async def client(app: web.Application):
    async with ClientSession(os.environ["UPSTREAM_URL"]) as session:
        app[upstream] = session
        yield


app = web.Application()
app.cleanup_ctx.append(client)
app.add_routes(routes)
