# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-call:app
import os

import httpx
from pyramid.config import Configurator
from pyramid.view import view_config

upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=1.0)  # one client: pooled connections


@view_config(route_name="quote", renderer="json")
def quote(request):
    try:
        response = upstream.get("/quote")
        response.raise_for_status()
    except httpx.TimeoutException:
        request.response.status_code = 504
        return {"error": "upstream timed out"}
    except httpx.HTTPError as exc:  # refused, reset, or a 5xx/4xx answer
        request.response.status_code = 502
        return {"error": f"upstream failed: {type(exc).__name__}"}
    return {"price": response.json()["price"]}


with Configurator() as config:
    config.add_route("quote", "/quote")
    config.scan()
    app = config.make_wsgi_app()
