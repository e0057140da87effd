# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 path-query-params:app
import falcon


class Item:
    def on_get(self, req: falcon.Request, resp: falcon.Response, item_id: int):
        resp.media = {"id": item_id, "q": req.get_param("q")}


app = falcon.App()
# The int converter turns the segment into an int; /items/abc matches no route and
# gets Falcon's default 404, which is JSON.
app.add_route("/items/{item_id:int}", Item())
