# Run: emmett -a path-query-params.py serve --host 127.0.0.1 --port 8000 --workers 1
import json

from emmett import App, request, response
from emmett.tools import service

app = App(__name__)


# <int:item_id> only matches an integer and hands it to the handler as an int; a missing
# query parameter reads as None from request.query_params.
@app.route("/items/<int:item_id>", methods="get")
@service.json
async def read_item(item_id: int):
    return {"id": item_id, "q": request.query_params.q}


# /items/abc matches no route, so Emmett answers 404: as JSON, not its plain-text default.
@app.on_error(404)
async def not_found():
    response.headers["content-type"] = "application/json"
    return json.dumps({"error": "not found", "path": request.path})
