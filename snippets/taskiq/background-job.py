# Run: BROKER_URL=redis://localhost:6379/0 REDIS_URL=redis://localhost:6379/1 uvicorn --workers 1 --host 127.0.0.1 --port 8000 background-job:app
# Worker, beside it: taskiq worker background-job:broker --workers 1
# Delivery: at-least-once. The worker acknowledges a message only once its result is saved
# (the default --ack-type when_saved), and a Redis stream hands unacknowledged messages to
# another worker, so a job may run twice (squaring is idempotent). taskiq-redis's ListQueueBroker
# has no acknowledgements: there a job in flight when its worker dies is lost.
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel
from redis.asyncio import Redis
from taskiq_redis import RedisAsyncResultBackend, RedisStreamBroker

results = RedisAsyncResultBackend(redis_url=os.environ["REDIS_URL"], result_ex_time=3600)
broker = RedisStreamBroker(url=os.environ["BROKER_URL"]).with_result_backend(results)
jobs = Redis.from_url(os.environ["REDIS_URL"])


@broker.task
async def square(n: int) -> int:
    return n * n


@asynccontextmanager
async def lifespan(app: FastAPI):
    # Also declares the stream's consumer group: jobs sent before any worker is up wait for one.
    await broker.startup()
    yield
    await broker.shutdown()
    await jobs.aclose()


app = FastAPI(lifespan=lifespan)


class Job(BaseModel):
    n: int


@app.post("/jobs", status_code=202)
async def enqueue(job: Job):
    task = await square.kiq(job.n)
    # A queued job has no result yet, just like an unknown id: record it so GET can tell them apart.
    await jobs.set(f"job:{task.task_id}", "queued", ex=3600)
    return {"id": task.task_id}


@app.get("/jobs/{job_id}")
async def get_job(job_id: str):
    if await results.is_result_ready(job_id):
        result = await results.get_result(job_id)
        if result.is_err:
            return {"status": "failed", "error": str(result.error)}
        return {"status": "done", "result": result.return_value}
    if not await jobs.exists(f"job:{job_id}"):
        raise HTTPException(404, "no such job")
    return {"status": "pending"}
