# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-call:app
import os

import falcon
import httpx

upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


class Quote:
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        try:
            response = upstream.get("/quote")
            response.raise_for_status()
        except httpx.TimeoutException:
            raise falcon.HTTPGatewayTimeout(description="upstream timed out")
        except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
            raise falcon.HTTPBadGateway(description=f"upstream failed: {type(exc).__name__}")
        resp.media = {"price": response.json()["price"]}


app = falcon.App()
app.add_route("/quote", Quote())
