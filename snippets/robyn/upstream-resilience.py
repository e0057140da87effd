# Run: UPSTREAM_URL=http://127.0.0.1:9000 env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python upstream-resilience.py --processes 1
import os

import httpx
import stamina
from robyn import Response, Robyn, jsonify

# The two-second deadline: httpx gives up on an upstream that has not answered by then.
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)
app = Robyn(__file__)


def transient(exc: Exception) -> bool:
    """What may pass if tried again: 502, 503 and 504 answers, connections refused or cut. A timeout
    has used up the deadline already."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# Three attempts at most, the pause growing from 0.1 s (exponential backoff) plus up to 0.1 s of jitter.
@stamina.retry(on=transient, attempts=3, wait_initial=0.1, wait_max=1.0, wait_jitter=0.1)
def fetch_price() -> int:
    response = upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


def json_response(status: int, body: dict) -> Response:
    return Response(status, {"Content-Type": "application/json"}, jsonify(body))


@app.get("/quote")
def quote():
    try:
        return {"price": fetch_price()}
    except httpx.TimeoutException:
        return json_response(504, {"error": "upstream timed out"})
    except httpx.HTTPError as exc:  # refused, reset, or still failing after the last attempt
        return json_response(502, {"error": f"upstream failed: {type(exc).__name__}"})


app.start()
