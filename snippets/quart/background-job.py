# Run: hypercorn --workers 1 --bind 127.0.0.1:8000 background-job:app
from uuid import uuid4

from quart import Quart, request

app = Quart(__name__)
# Job state lives in this process: if it dies, every queued or running job and every result is
# lost (a clean shutdown does wait for running background tasks, up to BACKGROUND_TASK_SHUTDOWN_TIMEOUT).
jobs: dict[str, dict] = {}


async def square(job_id: str, n: int) -> None:
    jobs[job_id] = {"status": "done", "result": n * n}


@app.post("/jobs")
async def create_job():
    data = await request.get_json()
    job_id = uuid4().hex
    jobs[job_id] = {"status": "pending"}
    app.add_background_task(square, job_id, data["n"])  # runs as its own task, not in the request
    return {"id": job_id}, 202


@app.get("/jobs/<job_id>")
async def read_job(job_id: str):
    if job_id not in jobs:
        return {"error": f"job {job_id} not found"}, 404
    return jobs[job_id]
