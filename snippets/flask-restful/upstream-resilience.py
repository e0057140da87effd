# Run: UPSTREAM_URL=http://127.0.0.1:9000 gunicorn --workers 1 --bind 127.0.0.1:8000 upstream-resilience:app
import os

import httpx
from flask import Flask
from flask_restful import Api, Resource
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential, wait_random

app = Flask(__name__)
api = Api(app)
upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)  # the two-second deadline


def worth_retrying(exc: BaseException) -> bool:
    # A 502/503/504 answer or a dropped connection may pass; a timeout has used up the deadline.
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in {502, 503, 504}
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# At most three attempts, 0.1 s then 0.2 s apart (exponential backoff), each pause plus up to 0.1 s of jitter.
@retry(
    retry=retry_if_exception(worth_retrying),
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=0.1, max=1) + wait_random(0, 0.1),
    reraise=True,
)
def get_price() -> int:
    response = upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


class Quote(Resource):
    def get(self):
        try:
            return {"price": get_price()}
        except httpx.TimeoutException:
            return {"message": "upstream timed out"}, 504
        except httpx.HTTPError as exc:  # refused, or still failing after the last attempt
            return {"message": f"upstream failed: {type(exc).__name__}"}, 502


api.add_resource(Quote, "/quote")
