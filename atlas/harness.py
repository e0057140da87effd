"""One snippet check, end to end: applicability, services, upstream, server, contract.

The tests, `python -m atlas snippets check` and the benchmarks all call `check_snippet`, so a
snippet is judged the same way wherever it runs.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, Entry, Task
from .contract import Failure, run_contract
from .contract_production import database_control, needs
from .envs import SNIPPETS_DIR
from .runner import serve, tail
from .services import Services, upstream


@dataclass(frozen=True)
class Status:
    """Where one (framework, task) stands.

    tested; fails (a known failure, with why: still run, and expected to fail); n/a (with why);
    missing; or irrelevant (the task is not for this kind of entry).
    """

    state: str
    reason: str = ""
    source: str | None = None


def status(catalog: Catalog, entry: Entry, task: Task, snippets_dir: Path = SNIPPETS_DIR) -> Status:
    """`snippets_dir` is another tree's snippets folder (the linter checks scaffolded ones)."""
    if entry.kind not in task.applies_to:
        return Status("irrelevant")
    if task.requires_fact:
        fact = entry.facts.get(task.requires_fact)
        if not fact or fact.value is not True:
            label = task.requires_fact.replace("_", " ")
            why = f"no built-in {label}" if fact and fact.value is False else f"{label} support unverified"
            detail = f" ({fact.detail})" if fact and fact.detail else ""
            return Status("n/a", f"{why}{detail}", fact.source if fact else None)
    not_applicable = (entry.snippets or {}).get("not_applicable", {})
    if task.id in not_applicable:
        return Status("n/a", not_applicable[task.id])
    if not (entry.snippets and (snippets_dir / entry.id / f"{task.id}.py").exists()):
        return Status("missing")
    known = entry.snippets.get("known_failures", {})
    if task.id in known:
        return Status("fails", known[task.id])
    return Status("tested")


def variants(entry: Entry, task: Task) -> list[str | None]:
    """The brokers a snippet is run against (one run each), or [None] for a single run."""
    return list((entry.snippets or {}).get("brokers", {}).get(task.id, [None]))


def check_snippet(
    entry: Entry, task: Task, services: Services, broker: str | None = None, snippets_dir: Path = SNIPPETS_DIR
) -> tuple[list[Failure], str]:
    """Run one snippet against its contract with real services; (failures, server log tail).

    `snippets_dir` is another tree's snippets (the tests check deliberately broken ones)."""
    env = dict(task.env)
    env |= services.env_for([s for s in task.services if s != "upstream"], broker)
    wanted = needs(task)
    with contextlib.ExitStack() as stack:
        up = stack.enter_context(upstream()) if "upstream" in task.services else None
        if up is not None:
            env["UPSTREAM_URL"] = up.url
        database = stack.enter_context(database_control(services)) if "database" in wanted else None
        running = stack.enter_context(
            serve(entry, task.id, env=env, snippets_dir=snippets_dir, capture_stdout="stdout" in wanted)
        )
        failures = run_contract(task, running, upstream=up, database=database)
        log = running.log_tail()
        if running.stdout:
            log += "\n--- standard output ---\n" + tail(running.stdout)
        worker_log = running.log.with_suffix(".worker.log")
        if worker_log.exists():
            log += "\n--- worker log ---\n" + tail(worker_log)
        return failures, log
