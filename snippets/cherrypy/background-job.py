# Run: python background-job.py --port 8000
# CherryPy runs background work in engine plugins: a Monitor calls a function every
# `frequency` seconds in its own thread, started and stopped with the server. The jobs live
# in this process: if it dies, every queued or running job (and every result) is lost.
import argparse
import queue
import uuid

import cherrypy
from cherrypy.process.plugins import Monitor

jobs: dict[str, dict] = {}
pending: queue.SimpleQueue = queue.SimpleQueue()


def run_pending():
    while not pending.empty():
        job_id, n = pending.get()
        jobs[job_id] = {"status": "done", "result": n * n}


@cherrypy.expose
class Jobs:
    @cherrypy.tools.json_in()
    @cherrypy.tools.json_out()
    def POST(self):
        job_id = uuid.uuid4().hex
        jobs[job_id] = {"status": "pending"}
        pending.put((job_id, cherrypy.request.json["n"]))
        cherrypy.response.status = 202
        return {"id": job_id}

    @cherrypy.tools.json_out()
    def GET(self, job_id: str):
        if job_id not in jobs:
            cherrypy.response.status = 404
            return {"error": f"job {job_id} not found"}
        return jobs[job_id]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    Monitor(cherrypy.engine, run_pending, frequency=0.1, name="jobs").subscribe()
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Jobs(), "/jobs", {"/": {"request.dispatch": cherrypy.dispatch.MethodDispatcher()}})
