"""The one table model: every matrix the site shows, as data, for the site, embeds and exports.

A Table is built from the catalog once and then written out in many forms (the site's HTML,
standalone embeds, CSV, JSON, Markdown, wiki markup), so a page and a download of the same
matrix cannot disagree. Nothing here is escaped or formatted for a medium: cells keep the raw
value (for JSON), the value in plain words (for CSV, Markdown and wikis) and what HTML needs
on top (the link, the tooltip, an icon and a CSS mark); atlas.render and atlas.export do the
writing.

Matrix ids: `features-web`, `features-queues`, `features-servers` (the compare page),
`task-coverage` (the tasks page) and `benchmarks-<scenario>` (one per scenario of the newest
benchmark run; the benchmarks page shows `benchmarks-hello-json`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .catalog import Catalog, Entry, Fact, facts_for_kind
from .harness import status

#: The feature matrices of the compare page: (id suffix and anchor, title, kinds).
FEATURE_MATRICES = [
    ("web", "Web frameworks and API toolkits", ("web-framework", "api-toolkit", "realtime-extension", "rpc-framework")),
    ("queues", "Task queues", ("task-queue",)),
    ("servers", "Production servers", ("server",)),
]
#: Kinds that have snippets, and so a row in the task-coverage matrix.
SNIPPET_KINDS = ("web-framework", "api-toolkit", "realtime-extension", "rpc-framework", "task-queue")
SCENARIO_TITLES = {
    "hello-json": "Return JSON",
    "path-query-params": "Path and query parameters",
    "validated-body": "Validated JSON body",
    "database-crud": "PostgreSQL read",
    "upstream-call": "Calling another service",
}
#: The benchmark table the benchmarks page shows.
BENCH_ON_PAGE = "benchmarks-hello-json"


class UnknownIds(ValueError):
    """A filter named a matrix, framework or column that does not exist; the message lists valid ones."""


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    description: str = ""
    link: str | None = None  # a site path ("tasks/hello-json/") the header links to


@dataclass(frozen=True)
class Cell:
    """One value. `text` is the value in words; the rest is provenance and HTML presentation."""

    value: object = None  # the raw value, as in the data (JSON)
    text: str = ""  # plain text: CSV, Markdown, wiki markup
    source: str | None = None  # the https page that states the value
    verified: dt.date | None = None
    note: str | None = None  # the fact's detail, or why it is unknown / not applicable
    flag: str | None = None  # a warning in one word ("stale", "errors"), shown beside the value
    flag_title: str | None = None
    # HTML only:
    link: str | None = None  # the source URL, or a site path ("tasks/x/") for pages of the site
    tooltip: str | None = None
    label: str | None = None  # the visible words when they are shorter than `text`
    icon: str | None = None  # a symbol repeating the words (✓, ✗, ?), hidden from screen readers
    mark: str | None = None  # yes | no | unknown | na: the CSS class atlas-<mark>
    note_inline: bool = False  # show `note` in small type after the value

    @property
    def plain(self) -> str:
        """The words every text format writes: the value, and its flag if it has one."""
        return f"{self.text} ({self.flag})" if self.flag else self.text


@dataclass(frozen=True)
class Row:
    id: str  # the entry id (or entry and variant, as in `celery-redis`)
    name: str
    cells: dict[str, Cell]
    entry: str | None = None  # the entry a variant row belongs to, when `id` is not an entry id

    @property
    def link(self) -> str:
        return f"frameworks/{self.entry or self.id}/"


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    description: str
    page: str  # the site path of the page that shows it, with its anchor
    row_header: str  # the title of the first column (the entry's name)
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    snapshot: dt.date  # the date of the data: newest verified fact, or the benchmark run's date
    sortable: bool = False
    meta: dict = field(default_factory=dict)  # provenance beyond cells (the benchmark run id)

    def select(self, frameworks: Iterable[str] | None = None, columns: Iterable[str] | None = None) -> Table:
        """The same table with only these rows and columns, in the order given; unknown ids raise UnknownIds."""
        rows, cols = self.rows, self.columns
        if frameworks is not None:
            by_id = {r.id: r for r in self.rows}
            _check_ids("framework", list(frameworks), by_id, self.id)
            rows = tuple(by_id[f] for f in dict.fromkeys(frameworks))
        if columns is not None:
            by_id = {c.id: c for c in self.columns}
            _check_ids("column", list(columns), by_id, self.id)
            cols = tuple(by_id[c] for c in dict.fromkeys(columns))
            rows = tuple(replace(r, cells={c.id: r.cells[c.id] for c in cols}) for r in rows)
        return replace(self, rows=rows, columns=cols)


def _check_ids(what: str, asked: list[str], valid: dict, table_id: str) -> None:
    unknown = [x for x in asked if x not in valid]
    if unknown:
        raise UnknownIds(f"unknown {what}(s) for {table_id}: {', '.join(unknown)}; valid: {', '.join(valid)}")


def snapshot_date(catalog: Catalog) -> dt.date:
    """The data snapshot date: the newest date on which any fact was verified."""
    return max((f.verified for e in catalog for f in e.facts.values()), default=dt.date.min)


# --- feature matrices -------------------------------------------------------------------------


def _columns_for(kinds: tuple[str, ...]) -> list[Column]:
    seen: dict[str, Column] = {}
    for kind in kinds:
        for spec in facts_for_kind(kind):
            seen.setdefault(spec.id, Column(spec.id, spec.title, spec.description))
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


def features_table(catalog: Catalog, suffix: str, title: str, kinds: tuple[str, ...], today: dt.date) -> Table:
    columns = [Column("kind", "Kind", "What kind of entry this is"), *_columns_for(kinds)]
    entries = catalog.of_kinds(kinds)
    rows = []
    for entry in entries:
        cells = {"kind": Cell(entry.kind, entry.kind_label)}
        cells |= {c.id: fact_cell(entry.facts.get(c.id), catalog, today) for c in columns[1:]}
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
        description="Which tasks each framework's snippets pass; the test suite runs every one against its contract.",
        page="tasks/#coverage",
        row_header="Framework",
        columns=columns,
        rows=rows,
        snapshot=snapshot_date(catalog),
    )


# --- benchmarks -------------------------------------------------------------------------------


def latest_run(catalog: Catalog) -> dict | None:
    """The newest full run, else the newest quick one (catalog.benchmarks is ordered so)."""
    return next(iter(catalog.benchmarks.values()), None)


def failed(point: dict) -> bool:
    """Errors, non-2xx answers, or no answers at all (a stalled server reports no errors)."""
    return point["has_errors"] or point["rps"]["median"] == 0


def peak(points: list[dict]) -> dict:
    return max(points, key=lambda p: p["rps"]["median"])


def point_at(points: list[dict], concurrency: int) -> dict | None:
    return next((p for p in points if p["concurrency"] == concurrency), None)


def measured(run: dict, scenario: str) -> dict[str, list[dict]]:
    """{framework id: points} for the frameworks measured in one scenario."""
    out = {}
    for fid, fw in run["frameworks"].items():
        sc = fw["scenarios"].get(scenario)
        if sc and sc.get("measured"):
            out[fid] = sc["points"]
    return out


BENCH_COLUMNS = (
    Column("server", "Server", "The production server the snippet ran under"),
    Column("rps", "Requests/s (median)", "Peak requests per second: the median over runs, at the best concurrency"),
    Column("concurrency", "at connections", "The number of connections at which the peak was reached"),
    Column("cv", "Run-to-run CV", "Coefficient of variation of requests/s over runs at the peak"),
    Column("ceiling", "Of nginx ceiling", "Peak requests/s as a share of nginx serving the same JSON in the same run"),
    Column("p50", "p50 ms at 64", "Median latency at 64 connections"),
    Column("p99", "p99 ms at 64", "99th-percentile latency at 64 connections"),
    Column("rss", "Peak RSS MB", "Peak resident memory of the server's processes at 64 connections"),
    Column("cold_start", "Cold start ms", "Process start to first 200 response, median of 3"),
    Column("import", "Import ms", "Loading the hello-json snippet (imports, app creation) in a fresh interpreter, median of 5"),
    Column("env_size", "Env MB", "Size of the framework's pinned environment"),
    Column("distributions", "Distributions", "Distributions installed in the pinned environment"),
)


def bench_table(catalog: Catalog, run: dict, scenario: str) -> Table:
    ceiling = peak(run["ceiling"]["points"])["rps"]["median"]
    points = measured(run, scenario)
    order = sorted(points, key=lambda f: -peak(points[f])["rps"]["median"])
    rows = []
    for fid in order:
        fw = run["frameworks"][fid]
        top = peak(points[fid])
        at64 = point_at(points[fid], 64) or top
        rps = top["rps"]["median"]
        errors = any(p["has_errors"] for p in points[fid])
        rss = at64.get("peak_rss_mb")
        server = catalog[fw["server"]].name if fw["server"] in catalog.entries else fw["server"]
        cells = {
            "server": Cell(fw["server"], server),
            "rps": Cell(
                rps,
                f"{rps:,.0f}",
                flag="errors" if errors else None,
                flag_title="errors or non-2xx answers during the run" if errors else None,
            ),
            "concurrency": Cell(top["concurrency"], str(top["concurrency"])),
            "cv": Cell(top["rps"]["cv"], f"{100 * top['rps']['cv']:.1f}%"),
            "ceiling": Cell(rps / ceiling, f"{100 * rps / ceiling:.2f}%"),
            "p50": Cell(at64["latency_ms"]["p50"], f"{at64['latency_ms']['p50']:.2f}"),
            "p99": Cell(at64["latency_ms"]["p99"], f"{at64['latency_ms']['p99']:.2f}"),
            "rss": Cell(rss, "n/a" if rss is None else f"{rss:.0f}"),
            "cold_start": Cell(fw["cold_start_ms"]["median"], f"{fw['cold_start_ms']['median']:.0f}"),
            "import": Cell(
                fw["import_ms"],
                "n/a" if fw["import_ms"] is None else f"{fw['import_ms']:.0f}",
                note=fw.get("import_note"),
                note_inline=fw["import_ms"] is None,
            ),
            "env_size": Cell(fw["env_size_mb"], f"{fw['env_size_mb']:.0f}"),
            "distributions": Cell(fw["distributions"], str(fw["distributions"])),
        }
        rows.append(Row(fid, catalog[fid].name, cells))
    title = SCENARIO_TITLES.get(scenario, scenario)
    return Table(
        id=f"benchmarks-{scenario}",
        title=f"Benchmarks: {title}",
        description=f"{title}: peak throughput and latency of each framework, one worker, run {run['id']}.",
        page="benchmarks/",
        row_header="Framework",
        columns=BENCH_COLUMNS,
        rows=tuple(rows),
        snapshot=dt.date.fromisoformat(str(run["provenance"]["date"])[:10]),
        sortable=True,
        meta={"run": run["id"], "scenario": scenario, "ceiling_rps": ceiling},
    )


# --- all of them ------------------------------------------------------------------------------


def all_tables(catalog: Catalog, today: dt.date | None = None) -> dict[str, Table]:
    """Every matrix that has rows, by id, in the order the site shows them."""
    today = today or dt.date.today()
    tables = [features_table(catalog, s, t, k, today) for s, t, k in FEATURE_MATRICES]
    if catalog.tasks:
        tables.append(coverage_table(catalog))
    run = latest_run(catalog)
    if run is not None:
        from .bench_tables import extra_tables  # they build on this module's model

        tables += [bench_table(catalog, run, s) for s in run["parameters"]["scenarios"]]
        tables += extra_tables(catalog, run)
    return {t.id: t for t in tables if t.rows}


def get_table(catalog: Catalog, table_id: str, today: dt.date | None = None) -> Table:
    tables = all_tables(catalog, today)
    if table_id not in tables:
        raise UnknownIds(f"unknown matrix '{table_id}'; valid: {', '.join(tables)}")
    return tables[table_id]
