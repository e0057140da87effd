# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 background-job:app
from uuid import uuid4

from fastapi import BackgroundTasks, FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
# Jobs live in this process only: if it dies or restarts, every queued or running job (and every
# result) is lost, and other workers cannot see them. Use a task queue when that matters.
jobs: dict[str, dict] = {}


class JobIn(BaseModel):
    n: int


def square(job_id: str, n: int) -> None:
    jobs[job_id] = {"status": "done", "result": n * n}


@app.post("/jobs", status_code=202)
def create_job(job: JobIn, background_tasks: BackgroundTasks):
    job_id = uuid4().hex
    jobs[job_id] = {"status": "pending"}
    background_tasks.add_task(square, job_id, job.n)  # runs after the response is sent
    return {"id": job_id}


@app.get("/jobs/{job_id}")
def read_job(job_id: str):
    if job_id not in jobs:
        raise HTTPException(404, f"job {job_id} not found")
    return jobs[job_id]
