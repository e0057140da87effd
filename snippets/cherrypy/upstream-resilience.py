# Run: UPSTREAM_URL=http://127.0.0.1:9000 python upstream-resilience.py --port 8000
import argparse
import os

import cherrypy
import httpx
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential_jitter

upstream = httpx.Client(base_url=os.environ["UPSTREAM_URL"], timeout=2.0)  # the two-second deadline


def worth_retrying(exc: BaseException) -> bool:
    # A 502/503/504 answer or a dropped connection may pass; a timeout has used up the deadline.
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in {502, 503, 504}
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


# At most three attempts, 0.1 s then 0.2 s apart (exponential backoff), each plus up to 0.1 s of jitter.
@retry(
    retry=retry_if_exception(worth_retrying),
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.1, max=1, jitter=0.1),
    reraise=True,
)
def get_price() -> int:
    response = upstream.get("/quote")
    response.raise_for_status()
    return response.json()["price"]


class Api:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def quote(self):
        try:
            return {"price": get_price()}
        except httpx.TimeoutException:
            cherrypy.response.status = 504
            return {"error": "upstream timed out"}
        except httpx.HTTPError as exc:  # refused, or still failing after the last attempt
            cherrypy.response.status = 502
            return {"error": f"upstream failed: {type(exc).__name__}"}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Api())
