# Run: UPSTREAM_URL=http://127.0.0.1:9000 env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python upstream-call.py --processes 1
import os

import httpx
from robyn import Response, Robyn, jsonify

app = Robyn(__file__)
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


def json_response(status: int, body: dict) -> Response:
    return Response(status, {"Content-Type": "application/json"}, jsonify(body))


@app.get("/quote")
def quote():
    try:
        response = upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        return json_response(504, {"error": "upstream timed out"})
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        return json_response(502, {"error": f"upstream failed: {type(exc).__name__}"})
    return {"price": response.json()["price"]}


app.start()
