# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 background-job:app
# resp.schedule() runs a coroutine after the response is sent; it exists only in Falcon's
# ASGI flavour. The job runs inside this process: if it dies, every queued or running job
# (and every result in `jobs`) is lost. Work that must survive belongs in a task queue.
import functools
import uuid

import falcon
import falcon.asgi

jobs: dict[str, dict] = {}


async def square(job_id: str, n: int):
    jobs[job_id] = {"status": "done", "result": n * n}


class Jobs:
    async def on_post(self, req: falcon.asgi.Request, resp: falcon.asgi.Response):
        n = (await req.get_media())["n"]
        job_id = uuid.uuid4().hex
        jobs[job_id] = {"status": "pending"}
        resp.schedule(functools.partial(square, job_id, n))
        resp.status = falcon.HTTP_202
        resp.media = {"id": job_id}

    async def on_get_job(self, req: falcon.asgi.Request, resp: falcon.asgi.Response, job_id: str):
        if job_id not in jobs:
            raise falcon.HTTPNotFound(description=f"job {job_id} not found")
        resp.media = jobs[job_id]


app = falcon.asgi.App()
resource = Jobs()
app.add_route("/jobs", resource)
app.add_route("/jobs/{job_id}", resource, suffix="job")
