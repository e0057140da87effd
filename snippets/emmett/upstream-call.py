# Run: UPSTREAM_URL=http://127.0.0.1:9000 emmett -a upstream-call.py serve --host 127.0.0.1 --port 8000 --workers 1
import os

import httpx
from emmett import App, response
from emmett.tools import service

app = App(__name__)
# One client per worker process for its lifetime (pooled connections); Emmett has no shutdown
# hook, so the pool closes with the process.
upstream = httpx.AsyncClient(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)


@app.route("/quote", methods="get")
@service.json
async def quote():
    try:
        answer = await upstream.get("/quote")
        answer.raise_for_status()
    except httpx.TimeoutException:
        response.status = 504
        return {"error": "upstream timed out"}
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        response.status = 502
        return {"error": f"upstream failed: {type(exc).__name__}"}
    return {"price": answer.json()["price"]}
