# Run: BROKER_URL=postgresql://localhost/jobs uvicorn --workers 1 --host 127.0.0.1 --port 8000 background-job:app
# Worker, beside it: python -m procrastinate --app=background-job.tasks worker
# Delivery: at-most-once. A worker killed mid-job leaves it in the `doing` state for good: it runs
# again only if a periodic task retries stalled jobs (JobManager.get_stalled_jobs, retry_job).
import os
from contextlib import asynccontextmanager

import procrastinate
import psycopg
from fastapi import FastAPI, HTTPException
from procrastinate.jobs import Status
from psycopg_pool import AsyncConnectionPool
from pydantic import BaseModel

# PostgreSQL is the whole queue: jobs are rows, workers take them with SELECT ... FOR UPDATE SKIP
# LOCKED and hear of new ones through LISTEN/NOTIFY.
DATABASE_URL = os.environ["BROKER_URL"]
tasks = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=DATABASE_URL))


def create_schema() -> None:
    # A deployment applies the schema once (`procrastinate schema --apply`) before starting anything;
    # this one-file service applies it when it is missing. The web process and the worker both run
    # this at the same moment: an advisory lock lets one of them do it while the other waits.
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(2609)")
        if conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()[0] is None:
            conn.execute(tasks.schema_manager.get_schema())
            # Procrastinate records a job's status, not what it returned: results get a table.
            conn.execute("CREATE TABLE results (job_id bigint PRIMARY KEY, value bigint NOT NULL)")


create_schema()


@tasks.task(pass_context=True)
async def square(context: procrastinate.JobContext, n: int) -> int:
    async with await psycopg.AsyncConnection.connect(DATABASE_URL) as conn:
        await conn.execute(
            "INSERT INTO results VALUES (%s, %s) ON CONFLICT (job_id) DO UPDATE SET value = excluded.value",
            (context.job.id, n * n),
        )
    return n * n  # only logged by the worker


results = AsyncConnectionPool(DATABASE_URL, open=False)


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with tasks.open_async(), results:
        yield


app = FastAPI(lifespan=lifespan)


class Job(BaseModel):
    n: int


@app.post("/jobs", status_code=202)
async def enqueue(job: Job):
    job_id = await square.defer_async(n=job.n)
    return {"id": str(job_id)}


@app.get("/jobs/{job_id}")
async def get_job(job_id: str):
    found = await tasks.job_manager.list_jobs_async(id=int(job_id)) if job_id.isdigit() else []
    if not found:
        raise HTTPException(404, "no such job")
    status = Status(found[0].status)
    if status == Status.SUCCEEDED:
        async with results.connection() as conn:
            row = await (await conn.execute("SELECT value FROM results WHERE job_id = %s", (found[0].id,))).fetchone()
        return {"status": "done", "result": row[0]}
    if status in (Status.FAILED, Status.CANCELLED, Status.ABORTED):
        return {"status": "failed"}
    return {"status": "pending"}
