# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 background-job:app
# BlackSheep has no background-task API: its docs start an asyncio task from the handler and
# answer 202 at once. asyncio keeps only weak references to tasks, so keep one until it ends.
import asyncio
from dataclasses import dataclass
from uuid import uuid4

from blacksheep import Application, FromJSON, get, post
from blacksheep.server.responses import accepted, not_found

app = Application()
# Jobs live in this process only: if it dies or restarts, every queued or running job (and every
# result) is lost, and other workers cannot see them. Use a task queue when that matters.
jobs: dict[str, dict] = {}
running: set[asyncio.Task] = set()


@dataclass
class JobIn:
    n: int


async def square(job_id: str, n: int) -> None:
    jobs[job_id] = {"status": "done", "result": n * n}


@post("/jobs")
async def create_job(data: FromJSON[JobIn]):
    job_id = uuid4().hex
    jobs[job_id] = {"status": "pending"}
    task = asyncio.create_task(square(job_id, data.value.n))  # runs on its own; the response does not wait
    running.add(task)
    task.add_done_callback(running.discard)
    return accepted({"id": job_id})


@get("/jobs/{job_id}")
async def read_job(job_id: str):
    if job_id not in jobs:
        return not_found({"error": f"job {job_id} not found"})
    return jobs[job_id]
