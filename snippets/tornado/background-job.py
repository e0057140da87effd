# Run: python background-job.py --host=127.0.0.1 --port=8000
# Jobs live in this process's memory: if it dies, every queued or running job (and every
# result) is lost. Work that must survive belongs in a task queue.
import asyncio
import uuid

from tornado.escape import json_decode
from tornado.ioloop import IOLoop
from tornado.options import define, options, parse_command_line
from tornado.web import Application, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)

jobs: dict[str, dict] = {}


async def square(job_id: str, n: int):
    jobs[job_id] = {"status": "done", "result": n * n}


class JobsHandler(RequestHandler):
    def post(self):
        n = json_decode(self.request.body)["n"]
        job_id = uuid.uuid4().hex
        jobs[job_id] = {"status": "pending"}
        # Tornado's fire-and-forget: the IOLoop runs it on a later turn, after this handler has
        # answered, and logs its traceback if it fails.
        IOLoop.current().spawn_callback(square, job_id, n)
        self.set_status(202)
        self.write({"id": job_id})


class JobHandler(RequestHandler):
    def get(self, job_id: str):
        if job_id not in jobs:
            self.set_status(404)
            return self.write({"error": f"job {job_id} not found"})
        self.write(jobs[job_id])


async def main():
    parse_command_line()
    app = Application([(r"/jobs", JobsHandler), (r"/jobs/([^/]+)", JobHandler)])
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
