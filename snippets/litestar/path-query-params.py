# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 path-query-params:app
from litestar import Litestar, get


@get("/items/{item_id:int}")
async def read_item(item_id: int, q: str | None = None) -> dict[str, int | str | None]:
    # /items/abc matches no route (the path parameter is typed int): Litestar answers a JSON 404.
    return {"id": item_id, "q": q}


app = Litestar([read_item])
