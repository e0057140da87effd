# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 hello-json:app
# Connexion is spec-first: the OpenAPI document declares the API, and each operationId
# names the function that serves it as module.function (this module is hello-json).
import yaml
from connexion import AsyncApp

SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Hello, version: "1.0"}
paths:
  /hello:
    get:
      operationId: hello-json.hello
      responses:
        "200":
          description: A greeting
          content:
            application/json:
              schema: {type: object}
""")


async def hello():
    return {"message": "Hello, World!"}


app = AsyncApp(__name__)
app.add_api(SPEC)
