# Run: env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python metrics.py --processes 1
# One process: prometheus-client keeps counters per process (several need its multiprocess mode).
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from robyn import Request, Response, Robyn

app = Robyn(__file__)
REQUESTS = Counter("http_requests", "HTTP requests", ["method", "route", "status"])


@app.get("/hello")
def hello():
    return {"message": "Hello, World!"}


@app.get("/metrics")
def metrics():
    return Response(200, {"Content-Type": CONTENT_TYPE_LATEST}, generate_latest())


# A global after-request middleware sees every response, unknown routes included, but Robyn
# does not tell it which route matched. These routes have no parameters, so a path that is
# one of the app's routes is its own pattern.
@app.after_request()
def count_request(request: Request, response: Response):
    routes = {route.route for route in app.router.get_routes()}
    route = request.url.path if request.url.path in routes else "unmatched"
    REQUESTS.labels(request.method, route, str(response.status_code)).inc()
    return response


app.start()
