# Run: hypercorn --workers 1 --bind 127.0.0.1:8000 path-query-params:app
from quart import Quart, request
from werkzeug.exceptions import HTTPException

app = Quart(__name__)


@app.get("/items/<int:item_id>")
async def read_item(item_id: int):
    return {"id": item_id, "q": request.args.get("q")}


@app.errorhandler(HTTPException)
async def http_error(error: HTTPException):
    # /items/abc does not match <int:item_id>, so Quart answers 404: as JSON, not HTML.
    return {"error": error.name, "detail": error.description}, error.code
