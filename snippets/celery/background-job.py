# Run: BROKER_URL=redis://localhost/0 REDIS_URL=redis://localhost/1 gunicorn --workers 1 --bind 127.0.0.1:8000 background-job:app
# Worker, beside it: celery -A background-job:celery_app worker --loglevel INFO
# Delivery: at-most-once. By default a Celery worker acknowledges a task message just before it
# runs it, so a worker killed mid-task loses that job; acks_late=True makes it at-least-once,
# which suits idempotent work like this (a rerun squares the same number again).
import os
import uuid

from celery import Celery
from flask import Flask, request

# BROKER_URL may be redis://... or amqp://...: Kombu picks the transport from the scheme.
celery_app = Celery(__name__, broker=os.environ["BROKER_URL"], backend=os.environ["REDIS_URL"])
app = Flask(__name__)


@celery_app.task
def square(n: int) -> int:
    return n * n


@app.post("/jobs")
def enqueue():
    job_id = str(uuid.uuid4())
    # Celery reports every id it has never seen as PENDING, so record ours before sending it.
    square.update_state(job_id, "QUEUED")
    square.apply_async((request.json["n"],), task_id=job_id)
    return {"id": job_id}, 202


@app.get("/jobs/<job_id>")
def job(job_id: str):
    result = celery_app.AsyncResult(job_id)
    if result.state == "PENDING":
        return {"error": "no such job"}, 404
    if result.successful():
        return {"status": "done", "result": result.result}
    if result.failed():
        return {"status": "failed", "error": repr(result.result)}
    return {"status": "pending"}
