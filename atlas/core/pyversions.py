"""Snippet checks per Python version (data/python-versions/<id>.yaml): the typed model, the shard
one matrix job writes, the merge of shards into the file the site reads, and what an entry's or a
task's results say on each Python.

Only CPython 3.11 installs on the machines the tests run on here, so other Pythons are checked on
GitHub's runners (.github/workflows/python-versions.yml): each job checks every entry's snippets on
its Python and writes one shard (one Python); a merge job combines the shards, like benchmark
shards, and opens a pull request with the file. A pinned environment that does not install on a
Python is recorded as not installable, with the installer's reason: that is a fact about the pin,
not a failure of the framework's snippets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

#: Task outcomes a shard records (the schema's enum names the same).
OUTCOMES = ("passed", "failed", "not-applicable")
_LABEL = re.compile(r"^3\.(?P<minor>[0-9]{1,2})(?P<t>t?)$")


class MergeConflict(ValueError):
    """Two shards hold different results for the same Python version."""


@dataclass(frozen=True)
class PythonRun:
    """One Python version's results: which interpreter, which run showed them, and per entry either
    {task id: outcome} or why its environment does not install."""

    python: str  # as the matrix names it: 3.12, 3.14t
    implementation: str
    free_threaded: bool
    run_id: str
    run_url: str
    date: dt.date
    tasks: dict[str, dict[str, str]] = field(default_factory=dict)  # entry id -> task id -> outcome
    not_installable: dict[str, str] = field(default_factory=dict)  # entry id -> reason


@dataclass(frozen=True)
class Results:
    """A data/python-versions file: its id and its Pythons, oldest version first."""

    id: str
    pythons: tuple[PythonRun, ...]


def python_key(label: str) -> tuple[int, int]:
    """Sort key of a matrix label: 3.9 < 3.11 < 3.14 < 3.14t < 3.15."""
    found = _LABEL.match(label)
    return (int(found["minor"]), 1 if found["t"] else 0) if found else (999, 0)


def results_from_data(data: dict) -> Results:
    pythons = []
    for label in sorted(data["pythons"], key=python_key):
        p = data["pythons"][label]
        run = p["run"]
        tasks = {eid: dict(r["tasks"]) for eid, r in p["entries"].items() if "tasks" in r}
        broken = {eid: r["not_installable"] for eid, r in p["entries"].items() if "not_installable" in r}
        pythons.append(
            PythonRun(
                label,
                p["implementation"],
                p["free_threaded"],
                run["id"],
                run["url"],
                dt.date.fromisoformat(run["date"]),
                tasks,
                broken,
            )
        )
    return Results(data["id"], tuple(pythons))


def shard(python: str, implementation: str, free_threaded: bool, run: dict, entries: dict[str, dict]) -> dict:
    """The data of one matrix job: one Python, named by its label (3.14t), with the run that showed it.

    `entries` maps entry id to {"tasks": {task id: outcome}} or {"not_installable": reason}."""
    if not _LABEL.match(python):
        raise ValueError(f"'{python}' is not a Python version label such as 3.12 or 3.14t")
    for eid, result in entries.items():
        bad = {t: o for t, o in result.get("tasks", {}).items() if o not in OUTCOMES}
        if bad:
            raise ValueError(f"{eid}: unknown outcome(s) {bad}; expected one of {', '.join(OUTCOMES)}")
    body = {
        "implementation": implementation,
        "free_threaded": free_threaded,
        "run": run,
        "entries": dict(sorted(entries.items())),
    }
    return {"id": f"{run['date']}-{run['id']}", "pythons": {python: body}}


def merge(shards: list[tuple[str, dict]]) -> dict:
    """One file from shards ((name, data) pairs, each valid against the schema): their Pythons side by
    side. The same Python in two shards is fine when identical (a shard downloaded twice) and a
    MergeConflict otherwise, naming both shards: the site shows one result per Python, so which one
    holds is a person's decision, not the merge's."""
    if not shards:
        raise ValueError("nothing to merge: no shard files given")
    pythons: dict[str, dict] = {}
    origin: dict[str, str] = {}
    for name, data in shards:
        for label, body in data["pythons"].items():
            if label in pythons and pythons[label] != body:
                raise MergeConflict(
                    f"Python {label} is in both {origin[label]} and {name} with different results "
                    f"(runs {pythons[label]['run']['id']} and {body['run']['id']}); merge only one of them"
                )
            pythons.setdefault(label, body)
            origin.setdefault(label, name)
    newest = max((b["run"] for b in pythons.values()), key=lambda r: (r["date"], int(r["id"])))
    return {"id": f"{newest['date']}-{newest['id']}", "pythons": {k: pythons[k] for k in sorted(pythons, key=python_key)}}


# --- what the results say -------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One Python's verdict on an entry (or one of its tasks): passed, failed (with which tasks),
    not-installable (with why) or not-run; with the run that showed it."""

    python: str
    state: str
    detail: str
    run: PythonRun


def entry_marks(results: Results | None, entry_id: str, expected_to_fail: frozenset[str] = frozenset()) -> list[Mark]:
    """Per Python, the entry's verdict over the tasks it was checked on. A task the data already
    records as a known failure (`expected_to_fail`) fails everywhere and is left out."""
    out = []
    for run in results.pythons if results else ():
        if entry_id in run.not_installable:
            out.append(Mark(run.python, "not-installable", run.not_installable[entry_id], run))
            continue
        tasks = {t: o for t, o in run.tasks.get(entry_id, {}).items() if t not in expected_to_fail}
        failed = sorted(t for t, o in tasks.items() if o == "failed")
        if failed:
            out.append(Mark(run.python, "failed", "fails " + ", ".join(failed), run))
        elif any(o == "passed" for o in tasks.values()):
            out.append(Mark(run.python, "passed", "", run))
        else:
            out.append(Mark(run.python, "not-run", "no snippet of it was checked", run))
    return out


def task_marks(results: Results | None, entry_id: str, task_id: str) -> list[Mark]:
    """Per Python, one snippet's outcome."""
    out = []
    for run in results.pythons if results else ():
        if entry_id in run.not_installable:
            out.append(Mark(run.python, "not-installable", run.not_installable[entry_id], run))
            continue
        outcome = run.tasks.get(entry_id, {}).get(task_id)
        if outcome in ("passed", "failed"):
            out.append(Mark(run.python, outcome, "", run))
        elif outcome == "not-applicable":
            out.append(Mark(run.python, "not-run", "not applicable", run))
    return out
