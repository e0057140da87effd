# Run: BROKER_URL=redis://localhost gunicorn --workers 1 --bind 127.0.0.1:8000 background-job:app
# Worker, beside it: rq worker -c background-job  (this module doubles as its settings file)
# Delivery: at-most-once. A job whose worker is killed mid-run is later moved to the
# FailedJobRegistry (AbandonedJobError) and not run again unless it was enqueued with a Retry.
import os

from flask import Flask, request
from redis import Redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job

# RQ keeps the queue, the jobs and their results in one Redis; `rq worker -c` reads REDIS_URL here.
REDIS_URL = os.environ["BROKER_URL"]
redis = Redis.from_url(REDIS_URL)
queue = Queue(connection=redis)
app = Flask(__name__)


def square(n: int) -> int:  # any importable function can be a job
    return n * n


@app.post("/jobs")
def enqueue():
    job = queue.enqueue(square, request.json["n"])
    return {"id": job.id}, 202


@app.get("/jobs/<job_id>")
def job(job_id: str):
    try:
        job = Job.fetch(job_id, connection=redis)
    except NoSuchJobError:
        return {"error": "no such job"}, 404
    if job.is_finished:
        return {"status": "done", "result": job.return_value()}
    if job.is_failed:
        return {"status": "failed"}
    return {"status": "pending"}
