"""One snippet check, end to end: applicability, services, upstream, server, contract.

The tests, `python -m atlas snippets check` and the benchmarks all call `check_snippet`, so a
snippet is judged the same way wherever it runs.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from atlas.core.catalog import Entry, Task
from atlas.core.snippets import SNIPPETS_DIR
from atlas.harness.contract import Failure, run_contract
from atlas.harness.production import database_control, needs
from atlas.harness.runner import serve, tail
from atlas.harness.services import Services, upstream


def check_snippet(
    entry: Entry,
    task: Task,
    services: Services,
    broker: str | None = None,
    snippets_dir: Path = SNIPPETS_DIR,
    setup: tuple[str, Path] | None = None,
) -> tuple[list[Failure], str]:
    """Run one snippet against its contract with real services; (failures, server log tail).

    `snippets_dir` is another tree's snippets (the tests check deliberately broken ones); `setup`
    is a benchmark setup's (command template, environment): correct under it before measured under it."""
    env = dict(task.env)
    env |= services.env_for([s for s in task.services if s != "upstream"], broker)
    wanted = needs(task)
    with contextlib.ExitStack() as stack:
        up = stack.enter_context(upstream()) if "upstream" in task.services else None
        if up is not None:
            env["UPSTREAM_URL"] = up.url
        database = stack.enter_context(database_control(services)) if "database" in wanted else None
        running = stack.enter_context(
            serve(
                entry,
                task.id,
                env=env,
                snippets_dir=snippets_dir,
                capture_stdout="stdout" in wanted,
                command=setup[0] if setup else None,
                venv=setup[1] if setup else None,
            )
        )
        failures = run_contract(task, running, upstream=up, database=database)
        log = running.log_tail()
        if running.stdout:
            log += "\n--- standard output ---\n" + tail(running.stdout)
        worker_log = running.log.with_suffix(".worker.log")
        if worker_log.exists():
            log += "\n--- worker log ---\n" + tail(worker_log)
        return failures, log
