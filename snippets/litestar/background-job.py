# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 background-job:app
from dataclasses import dataclass
from uuid import uuid4

from litestar import Litestar, Response, get, post
from litestar.background_tasks import BackgroundTask
from litestar.exceptions import NotFoundException

# Jobs live in this process only: if it dies or restarts, every queued or running job (and every
# result) is lost, and other workers cannot see them. Use a task queue when that matters.
jobs: dict[str, dict] = {}


@dataclass
class JobIn:
    n: int


async def square(job_id: str, n: int) -> None:
    jobs[job_id] = {"status": "done", "result": n * n}


@post("/jobs")
async def create_job(data: JobIn) -> Response[dict]:
    job_id = uuid4().hex
    jobs[job_id] = {"status": "pending"}
    # The task runs once the response has been sent.
    return Response({"id": job_id}, status_code=202, background=BackgroundTask(square, job_id, data.n))


@get("/jobs/{job_id:str}")
async def read_job(job_id: str) -> dict:
    if job_id not in jobs:
        raise NotFoundException(detail=f"job {job_id} not found")
    return jobs[job_id]


app = Litestar([create_job, read_job])
