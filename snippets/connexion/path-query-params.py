# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 path-query-params:app

import yaml
from connexion import AsyncApp

# The spec types the parameters: Connexion turns item_id into an int, and /items/abc
# matches no operation (a 404).
SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Items, version: "1.0"}
paths:
  /items/{item_id}:
    get:
      operationId: path-query-params.read_item
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: integer}}
        - {name: q, in: query, required: false, schema: {type: string}}
      responses:
        "200":
          description: The item
          content:
            application/json:
              schema: {type: object}
""")


async def read_item(item_id: int, q: str | None = None):
    return {"id": item_id, "q": q}


app = AsyncApp(__name__)
app.add_api(SPEC)  # errors are RFC 9457 problem documents (application/problem+json)
