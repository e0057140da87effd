"""One snippet check, end to end: applicability, services, upstream, server, contract.

The tests, `python -m atlas snippets check` and the benchmarks all call `check_snippet`, so a
snippet is judged the same way wherever it runs.
"""

from __future__ import annotations

import contextlib

from atlas.core.catalog import Entry, Task
from atlas.harness.contract import Failure, run_contract
from atlas.harness.runner import serve, tail
from atlas.harness.services import Services, upstream


def check_snippet(entry: Entry, task: Task, services: Services, broker: str | None = None) -> tuple[list[Failure], str]:
    """Run one snippet against its contract with real services; (failures, server log tail)."""
    env = dict(task.env)
    env |= services.env_for([s for s in task.services if s != "upstream"], broker)
    with contextlib.ExitStack() as stack:
        up = stack.enter_context(upstream()) if "upstream" in task.services else None
        if up is not None:
            env["UPSTREAM_URL"] = up.url
        running = stack.enter_context(serve(entry, task.id, env=env))
        failures = run_contract(task, running, upstream=up)
        log = running.log_tail()
        worker_log = running.log.with_suffix(".worker.log")
        if worker_log.exists():
            log += "\n--- worker log ---\n" + tail(worker_log)
        return failures, log
