# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 path-query-params:app
import json

from bottle import Bottle, HTTPError, request, response

app = Bottle()


@app.get("/items/<item_id:int>")
def read_item(item_id: int):
    return {"id": item_id, "q": request.query.get("q")}


@app.error(404)
def not_found(error: HTTPError):
    # /items/abc does not match <item_id:int>, so Bottle answers 404. Error handlers
    # return text, not dicts: the JSON is serialised here.
    response.content_type = "application/json"
    return json.dumps({"error": error.body})
