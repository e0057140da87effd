# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 path-query-params:__hug_wsgi__
import hug


@hug.get("/items/{item_id}")
def read_item(item_id: hug.types.number, q: hug.types.text = None):
    # The annotations convert and check: /items/abc is a 400 naming item_id.
    return {"id": item_id, "q": q}
