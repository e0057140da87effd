# Run: sanic background-job:app --host=127.0.0.1 --port=8000 --workers=1
# Jobs live in this worker's memory: if it dies, every queued or running job (and every
# result) is lost, and with several workers each one only knows its own jobs. Work that must
# survive belongs in a task queue.
import uuid

from sanic import Request, Sanic, json

app = Sanic("Jobs")
jobs: dict[str, dict] = {}


async def square(job_id: str, n: int):
    jobs[job_id] = {"status": "done", "result": n * n}


@app.post("/jobs")
async def create_job(request: Request):
    job_id = uuid.uuid4().hex
    jobs[job_id] = {"status": "pending"}
    app.add_task(square(job_id, request.json["n"]))  # a task on the worker's loop, run once this handler yields
    return json({"id": job_id}, status=202)


@app.get("/jobs/<job_id>")
async def read_job(request: Request, job_id: str):
    if job_id not in jobs:
        return json({"error": f"job {job_id} not found"}, status=404)
    return json(jobs[job_id])
