# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-call:app
import os

import httpx
import yaml
from connexion import AsyncApp

SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Quotes, version: "1.0"}
paths:
  /quote:
    get:
      operationId: upstream-call.quote
      responses:
        default:
          description: The upstream's price, or what went wrong with it
          content:
            application/json:
              schema: {type: object}
""")
upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


async def quote():
    try:
        response = await upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        return {"error": "upstream timed out"}, 504
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        return {"error": f"upstream failed: {type(exc).__name__}"}, 502
    return {"price": response.json()["price"]}


app = AsyncApp(__name__)
app.add_api(SPEC)
