# Run: sanic path-query-params:app --host=127.0.0.1 --port=8000 --workers=1
from sanic import Request, Sanic, json

app = Sanic("Items")
app.config.FALLBACK_ERROR_FORMAT = "json"  # errors Sanic raises itself are JSON, not HTML


# <item_id:int> converts the segment; /items/abc matches no route and is a JSON 404.
@app.get("/items/<item_id:int>")
async def read_item(request: Request, item_id: int):
    return json({"id": item_id, "q": request.args.get("q")})
