"""Connection capacity: how many idle WebSocket connections a websocket-echo snippet holds, what
each costs in server memory, and the echo latency of one more connection while they are open.

Seed articles say Tornado scales to "thousands of open connections"; this turns that into a
figure for every framework whose websocket-echo snippet passes its contract. The result is plain
data in the shape of `atlas.core.benchmarks.CapacityResult`, as the harness saves it.
"""

from __future__ import annotations

import json
import subprocess
import sys

from atlas.harness.bench.capacity_client import FD_MARGIN, raise_fd_limit
from atlas.harness.checks import check_snippet
from atlas.harness.runner import Running, serve
from atlas.harness.services import Services

STEPS = (1000, 2500, 5000)
QUICK_STEPS = (100,)
ECHOES = 200
TASK = "websocket-echo"


def bench_capacity(
    entry, catalog, services: Services, cpus: tuple[str, str], steps: tuple[int, ...] = STEPS, quick: bool = False
) -> dict:
    """Idle connections held at each step, after the websocket-echo contract passes; failures are recorded."""
    task = catalog.tasks[TASK]
    try:
        failures, _ = check_snippet(entry, task, services)
        if failures:
            return {"measured": False, "reason": "contract failed: " + "; ".join(map(str, failures))[:300]}
        raise_fd_limit()  # before the server starts: it inherits the limit
        with serve(entry, task.id, cpus=cpus[0]) as running:
            return hold(running, messages(task), QUICK_STEPS if quick else steps, cpus[1])
    except Exception as exc:  # recorded, and the run goes on
        return {"measured": False, "reason": f"{type(exc).__name__}: {exc}"[:300]}


def messages(task) -> list[str]:
    """The messages the task's contract sends: the echoes are timed on what the snippet is checked with."""
    return [m for step in task.steps if "websocket" in step for m in step["websocket"]["send"]]


def hold(running: Running, sent: list[str], steps: tuple[int, ...], load_cpus: str) -> dict:
    """Run the pinned client against a serving snippet and turn its report into a capacity result."""
    spec = {
        "url": running.url.replace("http://", "ws://", 1) + "/ws/echo",
        "pgid": running.pid,
        "steps": list(steps),
        "messages": sent,
        "echoes": ECHOES,
    }
    argv = ["taskset", "--cpu-list", load_cpus, sys.executable, "-m", "atlas.harness.bench.capacity_client", json.dumps(spec)]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=120 + sum(steps) / 20)
    if proc.returncode:
        raise RuntimeError(f"capacity client failed: {proc.stderr.strip().splitlines()[-1:] or proc.returncode}")
    raw = json.loads(proc.stdout)
    done = raw["steps"]
    if not done or not done[-1]["opened"]:
        return {
            "measured": False,
            "reason": f"no WebSocket connection opened to /ws/echo: {raw['first_error']}"[:300],
            "fd_limit": raw["fd_limit"],
        }
    last = done[-1]
    notes = []
    if (room := raw["fd_limit"] - FD_MARGIN - 1) < max(steps):
        notes.append(f"capped at {room:,} connections by the file-descriptor limit ({raw['fd_limit']:,})")
    if len(done) < len(steps):
        notes.append(f"stopped after {len(done)} of {len(steps)} steps")
    if raw["first_error"]:
        notes.append(f"first error: {raw['first_error']}")
    result = {
        "measured": True,
        "baseline_rss_mb": raw["baseline_rss_mb"],
        "steps": done,
        "kb_per_connection": round((last["rss_mb"] - raw["baseline_rss_mb"]) * 1024 / last["opened"], 1),
        "fd_limit": raw["fd_limit"],
    }
    return result | ({"reason": "; ".join(notes)[:300]} if notes else {})
