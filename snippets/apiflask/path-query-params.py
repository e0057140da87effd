# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 path-query-params:app
from apiflask import APIFlask, Schema
from apiflask.fields import String

app = APIFlask(__name__)


class ItemQuery(Schema):
    q = String()


# /items/abc does not match <int:item_id>: APIFlask answers that 404 in JSON by itself.
@app.get("/items/<int:item_id>")
@app.input(ItemQuery, location="query")
def read_item(item_id: int, query_data: dict):
    return {"id": item_id, "q": query_data.get("q")}
