# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 background-job:app
from uuid import uuid4

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.responses import JSONResponse
from starlette.routing import Route

# Jobs live in this process only: if it dies or restarts, every queued or running job (and every
# result) is lost, and other workers cannot see them. Use a task queue when that matters.
jobs: dict[str, dict] = {}


def square(job_id: str, n: int) -> None:
    jobs[job_id] = {"status": "done", "result": n * n}


async def create_job(request):
    n = (await request.json())["n"]
    job_id = uuid4().hex
    jobs[job_id] = {"status": "pending"}
    # The task runs once the response has been sent (a sync function goes to the thread pool).
    return JSONResponse({"id": job_id}, status_code=202, background=BackgroundTask(square, job_id, n))


async def read_job(request):
    job = jobs.get(request.path_params["job_id"])
    if job is None:
        return JSONResponse({"error": "job not found"}, status_code=404)
    return JSONResponse(job)


app = Starlette(routes=[Route("/jobs", create_job, methods=["POST"]), Route("/jobs/{job_id}", read_job)])
