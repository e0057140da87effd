# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-resilience:app
import os

import httpx
from pyramid.config import Configurator
from pyramid.view import exception_view_config, view_config
from tenacity import (
    retry,
    retry_if_exception,
    retry_if_exception_type,
    retry_if_not_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

# The two-second deadline: httpx raises TimeoutException when the upstream has not answered by then.
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)

# What is worth another attempt, in tenacity's combinators: a refused or broken connection (but not
# a timeout, which has spent the deadline) or a 502, 503 or 504 answer.
connection_failed = retry_if_exception_type(httpx.TransportError) & retry_if_not_exception_type(httpx.TimeoutException)
gateway_error = retry_if_exception(
    lambda exc: isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code in (502, 503, 504)
)


# At most three attempts, about 0.1 s and then 0.2 s apart (exponential), each with up to 0.1 s of jitter.
@retry(
    retry=connection_failed | gateway_error,
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.1, max=1.0, jitter=0.1),
    reraise=True,  # the caller sees httpx's own exception after the last attempt
)
def fetch_price() -> int:
    response = upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


@view_config(route_name="quote", renderer="json")
def quote(request):
    return {"price": fetch_price()}


# Exception views turn what escapes a view into answers; Pyramid picks the most specific class,
# so a timeout (an httpx.HTTPError too) gets the 504.
@exception_view_config(httpx.TimeoutException, renderer="json")
def upstream_timed_out(exc, request):
    request.response.status_code = 504
    return {"error": "upstream timed out"}


@exception_view_config(httpx.HTTPError, renderer="json")
def upstream_failed(exc, request):  # refused, or still failing after the last attempt
    request.response.status_code = 502
    return {"error": f"upstream failed: {type(exc).__name__}"}


with Configurator() as config:
    config.add_route("quote", "/quote")
    config.scan()
    app = config.make_wsgi_app()
