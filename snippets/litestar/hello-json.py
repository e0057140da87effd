# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 hello-json:app
from litestar import Litestar, get


@get("/hello")
async def hello() -> dict[str, str]:
    return {"message": "Hello, World!"}


app = Litestar([hello])
