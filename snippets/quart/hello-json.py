# Run: hypercorn --workers 1 --bind 127.0.0.1:8000 hello-json:app
from quart import Quart

app = Quart(__name__)


@app.get("/hello")
async def hello():
    return {"message": "Hello, World!"}
