"""The data the side-by-side picker and the decision guide read in the browser (docs/js/explore.js).

Both pages are static: the build writes JSON from the catalog and the one table model, and the
page fetches it from the site's own origin. The picker's data is split per entry (a view loads
two or three) and its code is the snippet file itself, copied beside it; the guide reads one small
file with only the facts its questions ask about. So no page carries the whole catalog and a
page without charts stays within its weight budget.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atlas.core.catalog import Catalog, Entry, fact_groups
from atlas.core.kinds import GUIDE_KINDS
from atlas.core.lifecycle import FLAGGED, lifecycle
from atlas.core.snippets import status
from atlas.site import tables
from atlas.site.bench_tables import scenario_tables
from atlas.site.tested import TESTED_COLUMN, pinned_cell

#: Where the build writes the JSON, under the site root.
DATA_DIR = "assets/atlas"
#: The kinds the guide ranks: the ones with the web features its questions ask about.
#: "Is your team already on ...": an entry fits if it is this framework or builds on it.
TEAM_BASES = ("django", "flask")


@dataclass(frozen=True)
class Question:
    """One answer of the guide and what an entry needs to fit it: facts with the value they must have, or a passing task."""

    id: str
    label: str
    facts: tuple[tuple[str, bool], ...] = ()
    task: str | None = None


QUESTIONS = (
    Question("async", "Handlers are async (async def)", facts=(("async_handlers", True),)),
    Question("websockets", "WebSockets built in", facts=(("websockets", True),)),
    Question("openapi", "An OpenAPI document generated from the code", facts=(("openapi", True),)),
    Question("orm-admin", "An ORM and an admin interface included", facts=(("orm", True), ("admin", True))),
    Question("jobs", "Background jobs: its snippet for the task passes", task="background-job"),
    Question("probes", "Health and readiness probes: its snippet for the task passes", task="health-and-readiness"),
    Question("tracing", "Trace propagation (W3C traceparent): its snippet passes", task="trace-propagation"),
    Question("resilience", "Timeouts and retries toward other services: its snippet passes", task="upstream-resilience"),
    Question("json-logs", "One JSON log line per request: its snippet passes", task="structured-logging"),
)


def questions(catalog: Catalog) -> list[Question]:
    """The questions this catalog can answer (a task-based one needs its task)."""
    return [q for q in QUESTIONS if q.task is None or q.task in catalog.tasks]


def _fact_json(entry: Entry, fact_id: str, catalog: Catalog, today: dt.date, full: bool = True) -> dict:
    """One fact as the pages show it: its value and source, and in full its date, detail and stale flag.

    Defaults are left out to keep the files small: `text` (the table model's words) only where the
    script cannot say it, since yes/no/unknown are fixed words; the guide (full=False) links each
    fact to its row on the entry's page for the date and the detail."""
    fact = entry.facts.get(fact_id)
    if fact is None:
        return {}  # not a fact of this kind of entry: n/a
    cell = tables.fact_cell(fact, catalog, today)
    out: dict = {"value": cell.value, "source": cell.source}
    if cell.value is not None and not isinstance(cell.value, bool):
        out["text"] = cell.text
    if full:
        out |= {"verified": fact.verified.isoformat(), "note": cell.note, "stale": True if cell.flag == "stale" else None}
    return {k: v for k, v in out.items() if v is not None or k == "value"}


def _tasks_json(catalog: Catalog, entry: Entry) -> dict:
    """{task id: state, or [state, reason] when there is a reason} for the tasks that apply to the entry's kind."""
    out = {}
    for task in catalog.tasks.values():
        found = status(catalog, entry, task)
        if found.state != "irrelevant":
            out[task.id] = [found.state, found.reason] if found.reason else found.state
    return out


def bench_figures(catalog: Catalog) -> dict[str, list[dict]]:
    """{entry id: peak requests/s per scenario} from the newest run, read off the benchmark tables: each
    entry under its lead setup (the common server where measured), so the picker compares like with like."""
    run = catalog.latest_run
    lead = {fid: f"{fid}@{fw.lead.kind}" for fid, fw in run.frameworks.items()} if run else {}
    out: dict[str, list[dict]] = {}
    for table in scenario_tables(catalog):
        scenario = table.meta["scenario"]
        ids = {r.id for r in table.rows}
        for row in table.rows:
            entry = row.entry or row.id
            if lead.get(entry, row.id) in ids and row.id != lead.get(entry, row.id):
                continue  # the entry's lead setup has its own row in this table
            if any(f["scenario"] == scenario for f in out.get(entry, [])):
                continue  # no lead row: the entry's best row, already taken
            rps, at, setup = row.cells["rps"], row.cells["concurrency"], row.cells.get("setup")
            out.setdefault(entry, []).append(
                {
                    "scenario": scenario,
                    "title": catalog.scenario_title(scenario),
                    "setup": setup.text if setup and setup.value else None,
                    "rps": rps.value,
                    "text": rps.plain + (f" ({setup.text})" if setup and setup.value else ""),
                    "concurrency": at.value,
                    "run": table.meta["run"],
                }
            )
    return out


def _with_sources(data: dict, facts: list[dict]) -> dict:
    """Put each distinct source URL once in data["sources"] and make the facts' `source` its index there.

    Facts of one entry often cite the same page; this keeps the JSON a page fetches small."""
    sources: dict[str, int] = {}
    for fact in facts:
        if fact.get("source"):
            fact["source"] = sources.setdefault(fact["source"], len(sources))
    return data | {"sources": list(sources)}


def _tested_json(catalog: Catalog, entry: Entry) -> dict:
    """The "Tested with" row the picker shows under the latest version, from the matrices' cell."""
    cell = pinned_cell(catalog, entry)
    return {"id": TESTED_COLUMN.id, "title": TESTED_COLUMN.title, "value": cell.value, "text": cell.text}


def _group_facts(catalog: Catalog, entry: Entry, specs: list, today: dt.date) -> list[dict]:
    out = []
    for spec in specs:
        out.append({"id": spec.id, "title": spec.title} | _fact_json(entry, spec.id, catalog, today))
        if spec.id == "latest_version":
            out.append(_tested_json(catalog, entry))
    return out


def entry_data(catalog: Catalog, entry: Entry, bench: dict[str, list[dict]], today: dt.date | None = None) -> dict:
    """Everything the picker shows of one entry: facts by group (the tested version beside the
    latest), task states, benchmark figures."""
    today = today or dt.date.today()
    groups = [
        {"id": gid, "title": title, "facts": _group_facts(catalog, entry, specs, today)}
        for gid, (title, kinds, specs) in fact_groups().items()
        if entry.kind in kinds
    ]
    data = {
        "id": entry.id,
        "name": entry.name,
        "kind": entry.kind_label,
        "groups": groups,
        "tasks": _tasks_json(catalog, entry),
        "bench": bench.get(entry.id, []),
    }
    return _with_sources(data, [f for g in groups for f in g["facts"]])


def _lifecycle_json(entry: Entry, today: dt.date) -> dict:
    """The entry's lifecycle status; `flag` marks the states the guide must not rank silently."""
    found = lifecycle(entry, today)
    return {"state": found.state, "label": found.label, "reason": found.reason, "flag": found.state in FLAGGED}


def guide_data(catalog: Catalog, today: dt.date | None = None) -> dict:
    """The guide's questions and, for every entry it ranks, only the facts and tasks those questions ask about."""
    today = today or dt.date.today()
    titles = {s.id: s.title for _, _, specs in fact_groups().values() for s in specs}
    asked = questions(catalog)
    fact_ids = list(dict.fromkeys(f for q in asked for f, _ in q.facts))
    task_ids = [q.task for q in asked if q.task]
    entries = []
    for entry in catalog.of_kinds(GUIDE_KINDS):
        # The state alone: the guide links the task's page, which says why.
        states = {t: s if isinstance(s, str) else s[0] for t, s in _tasks_json(catalog, entry).items()}
        entries.append(
            {
                "id": entry.id,
                "name": entry.name,
                "kind": entry.kind_label,
                "buildsOn": entry.builds_on,
                "facts": {f: _fact_json(entry, f, catalog, today, full=False) for f in fact_ids},
                "tasks": {t: states.get(t, "irrelevant") for t in task_ids},
                "lifecycle": _lifecycle_json(entry, today),
            }
        )
    data = {
        "questions": [
            {
                "id": q.id,
                "label": q.label,
                "facts": [{"id": f, "title": titles[f], "is": want} for f, want in q.facts],
                "task": {"id": q.task, "title": catalog.tasks[q.task].title, "url": f"tasks/{q.task}/"} if q.task else None,
            }
            for q in asked
        ],
        "teams": [{"id": t, "name": catalog[t].name} for t in TEAM_BASES if t in catalog.entries],
        "entries": entries,
    }
    return _with_sources(data, [f for x in entries for f in x["facts"].values()])


def snippet_files(catalog: Catalog) -> list[str]:
    """snippets/<entry>/<task>.py of every snippet that runs (tested or failing as expected): the picker shows their code."""
    return [
        f"snippets/{entry.id}/{task_id}.py"
        for entry in catalog
        for task_id, found in _tasks_json(catalog, entry).items()
        if (found if isinstance(found, str) else found[0]) in ("tested", "fails")
    ]
