# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-call:app
# BlackSheep ships its own asyncio HTTP client; its docs register one instance for the app's lifetime.
import os

from blacksheep import Application, get, json
from blacksheep.client import ClientSession
from blacksheep.client.exceptions import ClientException

app = Application()


@app.lifespan
async def upstream_client():
    # One client, pooled connections, closed on shutdown; handlers get it by type annotation.
    async with ClientSession(base_url=os.environ["UPSTREAM_URL"], connection_timeout=1.0, request_timeout=1.0) as client:
        app.services.register(ClientSession, instance=client)
        yield


@get("/quote")
async def quote(upstream: ClientSession):
    try:
        response = await upstream.get("/quote")
    except TimeoutError:  # ConnectionTimeout and RequestTimeout both derive from it
        return json({"error": "upstream timed out"}, status=504)
    except (OSError, ClientException) as exc:  # refused, reset, a broken answer
        return json({"error": f"upstream failed: {type(exc).__name__}"}, status=502)
    if response.status >= 400:  # the client does not raise on error statuses
        return json({"error": f"upstream answered {response.status}"}, status=502)
    return {"price": (await response.json())["price"]}
