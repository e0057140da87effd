# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 path-query-params:app
from blacksheep import Application, get, json
from blacksheep.exceptions import BadRequest

app = Application()


@get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None):
    # Binders chosen by annotation: item_id from the route, q from the query string.
    return {"id": item_id, "q": q}


@app.exception_handler(400)
async def bad_request(app, request, exc: BadRequest):
    # /items/abc fails binding with a 400 that BlackSheep words in plain text: answer JSON instead.
    return json({"error": str(exc)}, status=400)
