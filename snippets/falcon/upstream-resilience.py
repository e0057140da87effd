# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-resilience:app
import os

import falcon
import httpx
import stamina

# The two-second deadline: httpx gives up on an upstream that has not answered by then.
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)


def transient(exc: Exception) -> bool:
    """Worth another attempt: a 502/503/504 answer, or a refused or dropped connection. Not a
    timeout: the deadline is spent."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in (502, 503, 504)
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


class Quote:
    # Three attempts at most, the pause growing from 0.1 s (exponential backoff) plus up to 0.1 s of jitter.
    @stamina.retry(on=transient, attempts=3, wait_initial=0.1, wait_max=1.0, wait_jitter=0.1)
    def fetch_price(self) -> int:
        response = upstream.get("/quote")
        response.raise_for_status()
        return response.json()["price"]

    def on_get(self, req: falcon.Request, resp: falcon.Response):
        try:
            resp.media = {"price": self.fetch_price()}
        except httpx.TimeoutException:
            raise falcon.HTTPGatewayTimeout(description="upstream timed out")  # rendered as JSON
        except httpx.HTTPError as exc:  # refused, reset, or still failing after the last attempt
            raise falcon.HTTPBadGateway(description=f"upstream failed: {type(exc).__name__}")


app = falcon.App()
app.add_route("/quote", Quote())
