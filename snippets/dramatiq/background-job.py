# Run: BROKER_URL=amqp://localhost REDIS_URL=redis://localhost gunicorn --workers 1 --bind 127.0.0.1:8000 background-job:app
# Worker, beside it: dramatiq background-job --processes 1 --threads 2
# Delivery: at-least-once. Dramatiq acknowledges a message only after the actor has finished,
# so a job whose worker dies mid-run is delivered again: actors must be idempotent (squaring is).
import os

import dramatiq
from dramatiq import Message
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.redis import RedisBroker
from dramatiq.results import ResultFailure, ResultMissing, Results
from dramatiq.results.backends import RedisBackend
from flask import Flask, request
from redis import Redis

broker_url = os.environ["BROKER_URL"]
broker = RabbitmqBroker(url=broker_url) if broker_url.startswith("amqp") else RedisBroker(url=broker_url)
broker.add_middleware(Results(backend=RedisBackend(url=os.environ["REDIS_URL"])))
dramatiq.set_broker(broker)  # before any actor is declared

jobs = Redis.from_url(os.environ["REDIS_URL"])
app = Flask(__name__)


@dramatiq.actor(store_results=True)
def square(n: int) -> int:
    return n * n


@app.post("/jobs")
def enqueue():
    message = square.send(request.json["n"])
    # Results are looked up by the whole message, not its id alone: keep it under the id we hand out.
    jobs.set(f"job:{message.message_id}", message.encode(), ex=3600)
    return {"id": message.message_id}, 202


@app.get("/jobs/<job_id>")
def job(job_id: str):
    encoded = jobs.get(f"job:{job_id}")
    if encoded is None:
        return {"error": "no such job"}, 404
    try:
        result = Message.decode(encoded).get_result()
    except ResultMissing:
        return {"status": "pending"}
    except ResultFailure as exc:  # raised once the Retries middleware has given up
        return {"status": "failed", "error": str(exc)}
    return {"status": "done", "result": result}
