"""Measurements beside the HTTP scenarios: cold start and import time per framework, WebSocket
echo, and task queues end to end. Each records why it could not measure instead of failing a run."""

from __future__ import annotations

import time

import httpx

from atlas.core.snippets import SNIPPETS_DIR, status, variants, worker_command
from atlas.harness.bench import aggregate, jobs, measure, websocket
from atlas.harness.checks import check_snippet
from atlas.harness.envs import ensure_env
from atlas.harness.runner import serve
from atlas.harness.services import Services


def cold_start(entry, python_cpus: str, repeats: int = 3) -> dict:
    """Process start to the first 200 from /hello, under the production server."""
    times = []
    for _ in range(repeats):
        start = time.monotonic()
        with serve(entry, "hello-json", cpus=python_cpus, poll_interval=0.01) as running:
            while httpx.get(running.url + "/hello", timeout=5).status_code != 200:
                time.sleep(0.01)
            times.append((time.monotonic() - start) * 1000)
    return aggregate.summary(times, "within-run")  # back to back, one fresh process each


def import_time(entry) -> dict:
    """Load time of the hello-json snippet (framework imports and app creation), median of 5."""
    snippet = SNIPPETS_DIR / entry.id / "hello-json.py"
    try:
        ms = round(measure.import_seconds(ensure_env(entry.id) / "bin" / "python", snippet) * 1000, 1)
        return {"import_module": f"snippets/{entry.id}/hello-json.py", "import_ms": ms}
    except RuntimeError as exc:
        return {"import_module": f"snippets/{entry.id}/hello-json.py", "import_ms": None, "import_note": str(exc)[:300]}


def websocket_targets(catalog) -> list:
    task = catalog.tasks.get("websocket-echo")
    return [e for e in catalog if task and status(catalog, e, task).state == "tested"]


def bench_websocket(entry, catalog, services: Services, params: dict, cpus: tuple[str, str]) -> dict:
    """Messages/s on the websocket-echo snippet, after its contract passes."""
    task = catalog.tasks["websocket-echo"]
    try:
        failures, _ = check_snippet(entry, task, services)
        if failures:
            return {"measured": False, "reason": "contract failed: " + "; ".join(map(str, failures))[:300]}
        p = params["websocket"]
        with serve(entry, task.id, cpus=cpus[0]) as running:
            websocket.run(running.url, connections=p["connections"], seconds=1, cpus=cpus[1], pgid=running.pid)  # warm-up
            runs = [
                websocket.run(running.url, connections=p["connections"], seconds=p["seconds"], cpus=cpus[1], pgid=running.pid)
                for _ in range(p["runs"])
            ]
    except Exception as exc:  # recorded, and the run goes on
        return {"measured": False, "reason": f"{type(exc).__name__}: {exc}"[:300]}
    client_cpu = max(r["client_cpu_percent"] for r in runs)
    return {
        "measured": True,
        "contract": "passed",
        "connections": p["connections"],
        "messages_per_s": aggregate.summary([r["mps"] for r in runs], "within-run"),
        "client_cpu_percent": client_cpu,
        "client_bound": client_cpu >= 90,
        "server_cpu_percent": max(r["server_cpu_percent"] for r in runs),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
    }


def queue_targets(catalog) -> list[tuple]:
    task = catalog.tasks.get("background-job")
    if task is None:
        return []
    return [
        (e, broker)
        for e in catalog.of_kinds(("task-queue",))
        if status(catalog, e, task).state == "tested"
        for broker in variants(e, task)
    ]


def bench_queue(entry, broker: str | None, catalog, services: Services, params: dict, cpus: tuple[str, str]) -> dict:
    """Jobs/s end to end through a real broker, after the background-job contract passes on it."""
    task = catalog.tasks["background-job"]
    p = params["queues"]
    try:
        failures, _ = check_snippet(entry, task, services, broker)
        if failures:
            return {"measured": False, "reason": "contract failed: " + "; ".join(map(str, failures))[:300]}
        runs = []
        for _ in range(p["runs"]):  # a fresh instance (and an emptied Redis) per run: no backlog carried over
            env = dict(task.env) | services.env_for(list(task.services), broker)
            with serve(entry, task.id, env=env, cpus=cpus[0]) as running:
                runs.append(jobs.measure(running.url, connections=p["connections"], seconds=p["seconds"], cpus=cpus[1]))
    except Exception as exc:  # recorded, and the run goes on
        return {"measured": False, "reason": f"{type(exc).__name__}: {exc}"[:300]}
    return {
        "measured": True,
        "contract": "passed",
        "worker": worker_command(entry, task.id),
        "jobs_per_s": aggregate.summary([r["jobs_per_s"] for r in runs], "within-run"),  # fresh instances, back to back
        "enqueue_rps": aggregate.summary([r["enqueue_rps"] for r in runs], "within-run"),
        "jobs": [r["jobs"] for r in runs],
        "completed": [r["completed"] for r in runs],
        "has_errors": any(r["completed"] < r["jobs"] or any(r["errors"].values()) for r in runs),
        "errors": {k: sum(r["errors"][k] for r in runs) for k in runs[0]["errors"]},
    }
