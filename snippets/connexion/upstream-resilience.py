# Run: UPSTREAM_URL=http://127.0.0.1:9000 uvicorn --workers 1 --host 127.0.0.1 --port 8000 upstream-resilience:app
import os

import httpx
import stamina
import yaml
from connexion import AsyncApp

SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Quotes, version: "1.0"}
paths:
  /quote:
    get:
      operationId: upstream-resilience.quote
      responses:
        default:
          description: The upstream's price, or why there is none
          content:
            application/json:
              schema: {type: object}
""")
# The two-second deadline: httpx raises TimeoutException if the upstream has not answered by then.
upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)


def retry_on(exc: Exception) -> bool:
    """Retry a refused or dropped connection and a 502, 503 or 504, never a timeout: it used the
    whole deadline."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# Three attempts at most; the wait grows from 0.1 s, doubling, with up to 0.1 s of jitter on top.
@stamina.retry(on=retry_on, attempts=3, wait_initial=0.1, wait_max=1.0, wait_jitter=0.1)
async def fetch_price() -> int:
    response = await upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


async def quote():
    try:
        return {"price": await fetch_price()}
    except httpx.TimeoutException:
        return {"error": "upstream timed out"}, 504
    except httpx.HTTPError as exc:  # refused, or still failing after the third attempt
        return {"error": f"upstream failed: {type(exc).__name__}"}, 502


app = AsyncApp(__name__)
app.add_api(SPEC)
