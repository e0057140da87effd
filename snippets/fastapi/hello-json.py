# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 hello-json:app
from fastapi import FastAPI

app = FastAPI()


@app.get("/hello")
async def hello():
    return {"message": "Hello, World!"}
