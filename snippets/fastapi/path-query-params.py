# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 path-query-params:app
from fastapi import FastAPI

app = FastAPI()


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None):
    # The annotations do the work: /items/abc is refused with a 422 that names the bad field.
    return {"id": item_id, "q": q}
