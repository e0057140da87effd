# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 middleware-request-id:app
import uuid

from fastapi import FastAPI, Request

app = FastAPI()


@app.middleware("http")
async def request_id(request: Request, call_next):
    request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    response = await call_next(request)  # error responses such as the 404 come back through here too
    response.headers["X-Request-ID"] = request_id
    return response


@app.get("/health")
async def health():
    return {"status": "ok"}
