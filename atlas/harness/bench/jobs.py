"""Task queues end to end: jobs/s from `POST /jobs` through a real broker to a finished result.

The background-job snippet is the benchmark app (web process and worker, both pinned to the
server CPU; the broker and Redis run unpinned). wrk enqueues for a fixed time; the clock
stops when the last job accepted reports done, and every accepted job is then checked, so
a queue that drops jobs shows it in `completed`.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import httpx

from atlas.harness.bench import wrk

SCRIPT = Path(__file__).with_name("jobs.lua")
BODY = '{"n": 7}'


def _done(client: httpx.Client, url: str, job: str) -> bool:
    r = client.get(f"{url}/jobs/{job}")
    return r.status_code == 200 and r.json().get("status") == "done"


def measure(url: str, *, connections: int, seconds: float, cpus: str, drain_timeout: float = 120.0) -> dict:
    """One enqueue burst and its drain: enqueue rate, end-to-end jobs/s, and how many completed."""
    with tempfile.TemporaryDirectory() as tmp:
        ids_file = Path(tmp) / "ids"
        env = {"ATLAS_BODY": BODY, "ATLAS_IDS_FILE": str(ids_file)}
        start = time.monotonic()
        raw = wrk.run_script(url + "/jobs", SCRIPT, threads=1, connections=connections, seconds=seconds, cpus=cpus, env=env)
        ids = ids_file.read_text().split()
    if not ids:
        raise RuntimeError("no job was accepted")
    with httpx.Client(timeout=10) as client:
        deadline = start + seconds + drain_timeout
        while not _done(client, url, ids[-1]):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the last job was not done {drain_timeout:.0f} s after enqueueing stopped")
            time.sleep(0.02)
        elapsed = time.monotonic() - start
        pending = [job for job in ids if not _done(client, url, job)]
        while pending and time.monotonic() < deadline:  # stragglers a second worker process took out of order
            time.sleep(0.2)
            pending = [job for job in pending if not _done(client, url, job)]
    return {
        "jobs": len(ids),
        "enqueue_rps": round(len(ids) / (raw["duration_us"] / 1e6), 1),
        "jobs_per_s": round(len(ids) / elapsed, 1),
        "completed": len(ids) - len(pending),
        "errors": {k: raw[k] for k in ("connect", "read", "write", "timeout", "non_2xx_3xx")} | {"refused": raw["refused"]},
    }
