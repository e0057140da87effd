"""The request scenarios a run measures: one per task with a `benchmark` block (data/tasks, their
one home), and the lead scenario every setup is ranked on."""

from __future__ import annotations

from dataclasses import dataclass

from atlas.core.catalog import Catalog

LEAD = "hello-json"


@dataclass(frozen=True)
class Scenario:
    """How a task snippet is loaded: one request shape, and what must exist first."""

    task: str
    method: str
    path: str
    body: str | None = None
    seed: tuple[str, str, str] | None = None  # (method, path, JSON body) sent once before measuring


def scenarios_of(catalog: Catalog) -> dict[str, Scenario]:
    """The request scenarios, from the tasks' `benchmark` blocks (data/tasks: their one home)."""
    out = {}
    for task_id, task in catalog.scenarios.items():
        request, seed = task.benchmark["request"], task.benchmark.get("seed")
        out[task_id] = Scenario(
            task_id,
            request["method"],
            request["path"],
            request.get("body"),
            (seed["method"], seed["path"], seed.get("body", "")) if seed else None,
        )
    return out
