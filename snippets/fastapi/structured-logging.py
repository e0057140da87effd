# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 structured-logging:app
import logging
import time
import uuid

import structlog
from fastapi import FastAPI, Request

# structlog prints one JSON object per line to standard output.
structlog.configure(
    processors=[
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.JSONRenderer(),
    ]
)
log = structlog.get_logger()
logging.getLogger("uvicorn.access").disabled = True  # uvicorn's access lines are plain text on standard output

app = FastAPI()


@app.middleware("http")
async def log_request(request: Request, call_next):
    start = time.perf_counter()
    request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    response = await call_next(request)  # error responses such as the 404 come back through here too
    response.headers["X-Request-ID"] = request_id
    duration_ms = round((time.perf_counter() - start) * 1000, 3)
    log.info(
        "request",
        method=request.method,
        path=request.url.path,
        status=response.status_code,
        duration_ms=duration_ms,
        request_id=request_id,
    )
    return response


@app.get("/health")
async def health():
    return {"status": "ok"}
