# Run: BROKER_URL=redis://localhost uvicorn --workers 1 --host 127.0.0.1 --port 8000 background-job:app
# Worker, beside it: saq background-job.settings
# Delivery: at-most-once by default. A job whose worker dies stays active until another worker's
# sweep finds it past its timeout (10 s by default); it is retried only while its attempts are
# below `retries`, which defaults to 1, so it is aborted. Enqueue with retries=3 to run it again.
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel
from saq import Queue
from saq.job import Status

queue = Queue.from_url(os.environ["BROKER_URL"])  # redis://... here; with the postgres extra, postgresql://... too


async def square(ctx, *, n: int) -> int:  # job functions get the worker's context, then keywords
    return n * n


settings = {"queue": queue, "functions": [square]}  # the worker's settings: `saq background-job.settings`


@asynccontextmanager
async def lifespan(app: FastAPI):
    await queue.connect()
    yield
    await queue.disconnect()


app = FastAPI(lifespan=lifespan)


class Job(BaseModel):
    n: int


@app.post("/jobs", status_code=202)
async def enqueue(job: Job):
    queued = await queue.enqueue("square", n=job.n)
    return {"id": queued.key}


@app.get("/jobs/{job_id}")
async def get_job(job_id: str):
    job = await queue.job(job_id)  # the job and its result stay in Redis for `ttl` seconds (600 by default)
    if job is None:
        raise HTTPException(404, "no such job")
    if job.status == Status.COMPLETE:
        return {"status": "done", "result": job.result}
    if job.status in (Status.FAILED, Status.ABORTED):
        return {"status": "failed", "error": job.error}
    return {"status": "pending"}
