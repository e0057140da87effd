# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 hello-json:app
from blacksheep import Application, get

app = Application()


@get("/hello")
async def hello():
    return {"message": "Hello, World!"}  # BlackSheep serialises returned objects to JSON
