"""The matrix registry: every matrix the site shows, built once from the catalog as a Table
(atlas.site.table_model) for the site, the embeds, the downloads and the command line, so a
page and a download of the same matrix cannot disagree.

Matrix ids: `features-web`, `features-queues`, `features-servers` (the compare page),
`task-coverage` (the tasks page) and the benchmark tables of atlas.site.bench_tables.
"""

from __future__ import annotations

import datetime as dt

from atlas.core.catalog import Catalog, Entry, Fact, facts_for_kind
from atlas.core.kinds import FEATURE_MATRICES, SNIPPET_KINDS
from atlas.core.lifecycle import lifecycle
from atlas.core.snippets import median_effort, passed_efforts, status
from atlas.site.bench_tables import bench_tables
from atlas.site.table_model import Cell, Column, Row, Table, UnknownIds
from atlas.site.tested import TESTED_COLUMN, legend_words, pinned_cell


def snapshot_date(catalog: Catalog) -> dt.date:
    """The data snapshot date: the newest date on which any fact was verified."""
    return max((f.verified for e in catalog for f in e.facts.values()), default=dt.date.min)


# --- feature matrices -------------------------------------------------------------------------


def _columns_for(kinds: tuple[str, ...]) -> list[Column]:
    """The facts of these kinds, with the tested version right after the latest one."""
    seen: dict[str, Column] = {}
    for kind in kinds:
        for spec in facts_for_kind(kind):
            seen.setdefault(spec.id, Column(spec.id, spec.title, spec.description))
            if spec.id == "latest_version":
                seen.setdefault(TESTED_COLUMN.id, TESTED_COLUMN)
    return list(seen.values())


def _value_words(fact: Fact, catalog: Catalog) -> str:
    v = fact.value
    if isinstance(v, bool):
        return "Yes" if v else "No"
    if isinstance(v, list):
        return ", ".join(catalog[x].name if x in catalog.entries else str(x) for x in v)
    return str(v)


def fact_cell(fact: Fact | None, catalog: Catalog, today: dt.date) -> Cell:
    """One fact: its value in words, linked to its source, dated; unknown, stale and n/a marked in words."""
    if fact is None:
        return Cell(None, "n/a", label="n/a", mark="na", note="not a fact of this kind of entry")
    tip = [f"Verified {fact.verified.isoformat()}"]
    stale = fact.is_stale(today)
    common = {
        "source": fact.source,
        "verified": fact.verified,
        "link": fact.source,
        "flag": "stale" if stale else None,
        "flag_title": f"Verified {fact.verified.isoformat()}, over 180 days ago" if stale else None,
    }
    if not fact.known:
        tip.append(f"Unknown: {fact.reason}")
        return Cell(None, "Unknown", note=fact.reason, tooltip=" — ".join(tip), icon="?", mark="unknown", **common)
    if fact.detail:
        tip.append(fact.detail)
    icon = mark = None
    if isinstance(fact.value, bool):
        icon, mark = ("✓", "yes") if fact.value else ("✗", "no")
    text = _value_words(fact, catalog)
    return Cell(fact.value, text, note=fact.detail, tooltip=" — ".join(tip), icon=icon, mark=mark, **common)


def lifecycle_cell(entry: Entry, today: dt.date) -> Cell:
    """The entry's lifecycle status, linked to the release history, with the evidence in words."""
    found = lifecycle(entry, today)
    mark = {"active": "yes", "slowing": "unknown"}.get(found.state, "no")
    return Cell(
        found.state, found.label, source=found.source, link=found.source, note=found.reason, tooltip=found.reason, mark=mark
    )


def features_table(catalog: Catalog, suffix: str, title: str, kinds: tuple[str, ...], today: dt.date) -> Table:
    columns = [
        Column("kind", "Kind", "What kind of entry this is"),
        Column(
            "lifecycle",
            "Lifecycle",
            "Active, slowing, dormant, abandoned or archived: computed from the release history and sourced statements",
        ),
        *_columns_for(kinds),
    ]
    entries = catalog.of_kinds(kinds)
    rows = []
    for entry in entries:
        cells = {"kind": Cell(entry.kind, entry.kind_label), "lifecycle": lifecycle_cell(entry, today)}
        cells |= {c.id: fact_cell(entry.facts.get(c.id), catalog, today) for c in columns[2:]}
        cells[TESTED_COLUMN.id] = pinned_cell(catalog, entry)
        rows.append(Row(entry.id, entry.name, cells))
    dates = [f.verified for e in entries for f in e.facts.values()]
    return Table(
        id=f"features-{suffix}",
        title=title,
        description=f"{title}: sourced facts, each linked to the page that states it and dated.",
        page=f"compare/#{suffix}",
        row_header="Name",
        columns=tuple(columns),
        rows=tuple(rows),
        snapshot=max(dates, default=snapshot_date(catalog)),
    )


# --- task coverage ----------------------------------------------------------------------------


def _coverage_cell(catalog: Catalog, entry: Entry, task_id: str) -> Cell:
    found = status(catalog, entry, catalog.tasks[task_id])
    page = f"tasks/{task_id}/"
    if found.state == "tested":
        return Cell("tested", "tested", link=page, icon="✓", mark="yes")
    if found.state == "fails":
        words = {"note": found.reason, "tooltip": found.reason, "note_inline": True}
        return Cell("fails", f"fails: {found.reason}", link=page, label="fails", icon="✗", mark="no", **words)
    if found.state == "n/a":
        words = {"note": found.reason, "tooltip": found.reason, "note_inline": True}
        return Cell("n/a", f"n/a: {found.reason}", source=found.source, label="n/a", mark="unknown", **words)
    if found.state == "missing":
        return Cell("missing", "missing", icon="✗", mark="no")
    return Cell("irrelevant", "—", note="the task is not for this kind of entry", mark="na")


def coverage_table(catalog: Catalog) -> Table:
    columns = tuple(
        Column(t.id, t.title, t.summary.split(". ")[0].rstrip("."), link=f"tasks/{t.id}/") for t in catalog.tasks.values()
    )
    rows = tuple(
        Row(e.id, e.name, {c.id: _coverage_cell(catalog, e, c.id) for c in columns}) for e in catalog.of_kinds(SNIPPET_KINDS)
    )
    return Table(
        id="task-coverage",
        title="Task coverage",
        description="Which tasks each framework's snippets pass; the test suite runs every one against its contract. "
        + legend_words(catalog),
        page="tasks/#coverage",
        row_header="Framework",
        columns=columns,
        rows=rows,
        snapshot=snapshot_date(catalog),
    )


# --- setup effort ------------------------------------------------------------------------------

EFFORT_CAVEAT = (
    "Lines are the snippet's non-blank, non-comment lines; packages are the third-party top-level modules it "
    "imports beyond the framework, what it builds on and its server (OpenTelemetry's SDK and instrumentation "
    "count once). Medians are over the tasks each framework passes, which differ between frameworks: a proxy "
    "for setup and configuration, not a measure of difficulty."
)


def effort_table(catalog: Catalog) -> Table:
    """Per framework: median lines and packages over the tasks it passes, and each task's lines."""
    tasks = list(catalog.tasks.values())
    columns = [
        Column("lines", "Median lines", "Median non-blank, non-comment lines over the tasks it passes"),
        Column("packages", "Median packages", "Median third-party packages imported beyond the framework"),
        Column("tasks", "Tasks counted", "Tasks whose snippet passes its contract"),
        *(
            Column(t.id, t.title, f"Lines of the {t.title} snippet", link=f"tasks/{t.id}/", group="Lines of each task's snippet")
            for t in tasks
        ),
    ]
    rows = []
    for entry in catalog.of_kinds(SNIPPET_KINDS):
        found = passed_efforts(catalog, entry)
        summary = median_effort(catalog, entry)
        if summary is None:
            continue
        lines, packages, counted = summary
        cells = {
            "lines": Cell(lines, f"{lines:g}"),
            "packages": Cell(packages, f"{packages:g}"),
            "tasks": Cell(counted, str(counted)),
        }
        for t in tasks:
            e = found.get(t.id)
            cells[t.id] = (
                Cell(None, "—", mark="na", note="no passing snippet")
                if e is None
                else Cell(e.lines, str(e.lines), note=", ".join(e.packages) or None, tooltip=", ".join(e.packages) or None)
            )
        rows.append(Row(entry.id, entry.name, cells))
    return Table(
        id="setup-effort",
        title="Setup effort",
        description="What each framework's tested snippets ask of a reader. " + EFFORT_CAVEAT,
        page="tasks/#setup-effort",
        row_header="Framework",
        columns=tuple(columns),
        rows=tuple(rows),
        snapshot=snapshot_date(catalog),
        sortable=True,
    )


# --- all of them ------------------------------------------------------------------------------


def all_tables(catalog: Catalog, today: dt.date | None = None) -> dict[str, Table]:
    """Every matrix that has rows, by id, in the order the site shows them."""
    today = today or dt.date.today()
    tables = [features_table(catalog, s, t, k, today) for s, t, k in FEATURE_MATRICES]
    if catalog.tasks:
        tables += [coverage_table(catalog), effort_table(catalog)]
    tables += bench_tables(catalog)
    return {t.id: t for t in tables if t.rows}


def get_table(catalog: Catalog, table_id: str, today: dt.date | None = None) -> Table:
    tables = all_tables(catalog, today)
    if table_id not in tables:
        raise UnknownIds(f"unknown matrix '{table_id}'; valid: {', '.join(tables)}")
    return tables[table_id]
