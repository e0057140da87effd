# Run: env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python path-query-params.py --processes 1
from robyn import Response, Robyn, jsonify

app = Robyn(__file__)


# Annotations type the parameters: item_id comes from the path as an int (or a 400),
# q from the query string, None when absent.
@app.get("/items/:item_id")
def read_item(item_id: int, q: str | None = None):
    return {"id": item_id, "q": q}


# Robyn answers the errors it raises itself (that 400, the 404 of an unknown route) in plain
# text and has no hook to render them; an after-request middleware rewrites them as JSON.
@app.after_request()
def json_errors(response: Response):
    if response.status_code >= 400 and response.headers.get("Content-Type") == "text/plain":
        response.headers.set("Content-Type", "application/json")
        response.description = jsonify({"error": response.description})
    return response


app.start()
