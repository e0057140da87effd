# Run: sanic hello-json:app --host=127.0.0.1 --port=8000 --workers=1
from sanic import Request, Sanic, json

app = Sanic("Hello")


@app.get("/hello")
async def hello(request: Request):
    return json({"message": "Hello, World!"})
