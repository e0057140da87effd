# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 metrics:app
# One worker: prometheus-client keeps counters per process (several workers need its multiprocess mode).
from litestar import Litestar, get
from litestar.plugins.prometheus import PrometheusController
from litestar.types import Message, Scope
from prometheus_client import Counter

REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


# A before_send hook rather than middleware: Litestar's middleware never sees a request that
# matches no route, and the 404s must be counted too. The router sets path_template on a match.
def count(message: Message, scope: Scope) -> None:
    if message["type"] == "http.response.start":
        REQUESTS.labels(scope["method"], scope.get("path_template", "unmatched"), str(message["status"])).inc()


@get("/hello")
async def hello() -> dict[str, str]:
    return {"message": "Hello, World!"}


# PrometheusController serves /metrics: generate_latest() with CONTENT_TYPE_LATEST.
app = Litestar([hello, PrometheusController], before_send=[count])
