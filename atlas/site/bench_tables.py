"""Every benchmark table, from the typed runs of atlas.core.benchmarks: per scenario, the connection
sweep, latency percentiles, throughput by scenario, open loop, WebSocket echo, task queues and the
run-to-run spread. The benchmarks page draws its charts from these same Table objects
(atlas.site.charts), and each is embeddable and exportable like every other matrix.

An entry the newest run did not include is a row marked "not measured yet", never missing, so
adding a framework never needs a new benchmark run. A point with errors, non-2xx answers or no
answers at all is flagged "errors" in every cell that shows it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from atlas.core.benchmarks import Point, Run, Scenario
from atlas.core.catalog import Catalog
from atlas.core.snippets import status
from atlas.site.table_model import Cell, Column, Row, Table

#: The scenario whose table, sweep and latency the benchmarks page leads with.
LEAD = "hello-json"
NOT_YET = "not measured yet"
ERRORS = "errors"
ERRORS_TITLE = "errors, non-2xx answers or no answers during the run"


def _table(run: Run, table_id: str, title: str, description: str, anchor: str, columns: Iterable[Column], rows, **kw) -> Table:
    """A sortable table of one run, dated by the run and shown on the benchmarks page at `anchor`."""
    return Table(
        id=table_id,
        title=title,
        description=description,
        page=f"benchmarks/#{anchor}",
        row_header=kw.pop("row_header", "Framework"),
        columns=tuple(columns),
        rows=tuple(rows),
        snapshot=run.provenance.day,
        sortable=True,
        meta={"run": run.id, **kw.pop("meta", {})},
    )


def _ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _flagged(value: float | None, text: str, failed: bool, **kw) -> Cell:
    return Cell(value, text, flag=ERRORS if failed else None, flag_title=ERRORS_TITLE if failed else None, **kw)


def _not_yet(columns: Iterable[Column], why: str = NOT_YET) -> dict[str, Cell]:
    return {c.id: Cell(None, why, mark="unknown", note=why if why != NOT_YET else None) for c in columns}


def _waiting(catalog: Catalog, run: Run, scenario: str, shown: set[str]) -> list[str]:
    """Entries the scenario's task applies to (not marked n/a) that this run has no figure for: an entry
    added after the run, whose snippet is written or still to come."""
    task = catalog.tasks.get(scenario)
    if task is None:
        return []
    return [x.id for x in catalog if x.id not in shown and status(catalog, x, task).state in ("tested", "fails", "missing")]


# --- per scenario ------------------------------------------------------------------------------

BENCH_COLUMNS = (
    Column("server", "Server", "The production server the snippet ran under"),
    Column("rps", "Requests/s (median)", "Peak requests per second: the median over runs, at the best concurrency"),
    Column("concurrency", "at connections", "The number of connections at which the peak was reached"),
    Column("cv", "Within-run CV", "Coefficient of variation of requests/s over the runs at the peak, within this run"),
    Column("ceiling", "Of nginx ceiling", "Peak requests/s as a share of nginx serving the same JSON in the same run"),
    Column("p50", "p50 ms at 64", "Median latency at 64 connections"),
    Column("p99", "p99 ms at 64", "99th-percentile latency at 64 connections"),
    Column("rss", "Peak RSS MB", "Peak resident memory of the server's processes at 64 connections"),
    Column("cold_start", "Cold start ms", "Process start to first 200 response, median of 3"),
    Column("import", "Import ms", "Loading the hello-json snippet (imports, app creation) in a fresh interpreter, median of 5"),
    Column("env_size", "Env MB", "Size of the framework's pinned environment"),
    Column("distributions", "Distributions", "Distributions installed in the pinned environment"),
)


def _at64(sc: Scenario) -> Point:
    return sc.at(64) or sc.peak  # type: ignore[return-value]


def scenario_table(catalog: Catalog, run: Run, scenario: str) -> Table:
    ceiling = run.ceiling.peak_rps
    found = run.measured(scenario)
    order = sorted(found, key=lambda f: -found[f].peak.rps.median)
    rows = []
    for fid in order:
        fw, sc = run.frameworks[fid], found[fid]
        top, at64 = sc.peak, _at64(sc)
        rps, bad = top.rps.median, sc.failed
        server = catalog[fw.server].name if fw.server in catalog.entries else fw.server
        cells = {
            "server": Cell(fw.server, server),
            "rps": _flagged(rps, f"{rps:,.0f}", bad),
            "concurrency": Cell(top.concurrency, str(top.concurrency)),
            "cv": Cell(top.rps.cv, f"{100 * top.rps.cv:.1f}%"),
            "ceiling": _flagged(rps / ceiling, f"{100 * rps / ceiling:.2f}%", bad),
            "p50": _flagged(at64.latency_ms.p50, f"{at64.latency_ms.p50:.2f}", at64.failed),
            "p99": _flagged(at64.latency_ms.p99, f"{at64.latency_ms.p99:.2f}", at64.failed),
            "rss": Cell(at64.peak_rss_mb, "n/a" if at64.peak_rss_mb is None else f"{at64.peak_rss_mb:.0f}"),
            "cold_start": Cell(fw.cold_start_ms.median, f"{fw.cold_start_ms.median:.0f}"),
            "import": Cell(
                fw.import_ms,
                "n/a" if fw.import_ms is None else f"{fw.import_ms:.0f}",
                note=fw.import_note,
                note_inline=fw.import_ms is None,
            ),
            "env_size": Cell(fw.env_size_mb, f"{fw.env_size_mb:.0f}"),
            "distributions": Cell(fw.distributions, str(fw.distributions)),
        }
        rows.append(Row(fid, catalog[fid].name, cells))
    for fid, fw in run.frameworks.items():  # in the run, but not measured in this scenario: say why
        sc = fw.scenarios.get(scenario)
        if fid not in found and sc is not None and fid in catalog.entries:
            rows.append(Row(fid, catalog[fid].name, _not_yet(BENCH_COLUMNS, f"not measured: {sc.reason or 'no points'}")))
    shown = {r.id for r in rows}
    rows += [Row(fid, catalog[fid].name, _not_yet(BENCH_COLUMNS)) for fid in _waiting(catalog, run, scenario, shown)]
    title = catalog.scenario_title(scenario)
    return _table(
        run,
        f"benchmarks-{scenario}",
        f"Benchmarks: {title}",
        f"{title}: peak throughput and latency of each framework, one worker, run {run.id}.",
        "throughput" if scenario == LEAD else "throughput-by-scenario",
        BENCH_COLUMNS,
        rows,
        meta={"scenario": scenario, "ceiling_rps": ceiling},
    )


def sweep_table(catalog: Catalog, run: Run, scenario: str = LEAD) -> Table:
    """Requests/s at every number of connections the run measured."""
    found = run.measured(scenario)
    levels = sorted({p.concurrency for sc in found.values() for p in sc.points})
    columns = [Column(f"c{n}", f"{n}", f"Requests/s (median) at {n} connections") for n in levels]
    order = sorted(found, key=lambda f: -found[f].peak.rps.median)
    rows = []
    for fid in order:
        cells = {}
        for n, col in zip(levels, columns, strict=True):
            p = found[fid].at(n)
            cells[col.id] = Cell(None, "—") if p is None else _flagged(p.rps.median, f"{p.rps.median:,.0f}", p.failed)
        rows.append(Row(fid, catalog[fid].name, cells))
    title = catalog.scenario_title(scenario)
    return _table(
        run,
        "benchmarks-sweep",
        f"Benchmarks: {title} by number of connections",
        f"{title}: requests/s (median over runs) at each number of connections; run {run.id}.",
        "concurrency-sweep",
        columns,
        rows,
        row_header="Framework (requests/s at N connections)",
        meta={"scenario": scenario, "x": levels},
    )


LATENCY_COLUMNS = tuple(
    Column(k, label, f"{label} latency at 64 connections, ms")
    for k, label in (("p50", "p50 ms"), ("p90", "p90 ms"), ("p99", "p99 ms"), ("p999", "p99.9 ms"))
)


def latency_table(catalog: Catalog, run: Run, scenario: str = LEAD) -> Table:
    found = run.measured(scenario)
    order = sorted(found, key=lambda f: -found[f].peak.rps.median)
    rows = []
    for fid in order:
        at64 = _at64(found[fid])
        cells = {
            c.id: _flagged(getattr(at64.latency_ms, c.id), _ms(getattr(at64.latency_ms, c.id)), at64.failed)
            for c in LATENCY_COLUMNS
        }
        rows.append(Row(fid, catalog[fid].name, cells))
    title = catalog.scenario_title(scenario)
    return _table(
        run,
        "benchmarks-latency",
        f"Benchmarks: {title} latency percentiles",
        f"{title}: latency percentiles at 64 connections (or at the peak where 64 was not measured); run {run.id}.",
        "latency-percentiles",
        LATENCY_COLUMNS,
        rows,
        meta={"scenario": scenario},
    )


def scenarios_table(catalog: Catalog, run: Run) -> Table:
    """Requests/s at 64 connections in every scenario, side by side."""
    scenarios = [s for s in run.scenarios if run.measured(s)]
    columns = [
        Column(s, catalog.scenario_title(s), f"Requests/s (median) at 64 connections: {catalog.scenario_title(s)}")
        for s in scenarios
    ]
    lead = run.measured(LEAD)
    ids = list(dict.fromkeys([*sorted(lead, key=lambda f: -lead[f].peak.rps.median), *run.frameworks]))
    rows = []
    for fid in ids:
        cells = {}
        for s in scenarios:
            sc = run.measured(s).get(fid)
            p = _at64(sc) if sc else None
            cells[s] = Cell(None, "n/a") if p is None else _flagged(p.rps.median, f"{p.rps.median:,.0f}", p.failed)
        if any(c.value is not None for c in cells.values()) and fid in catalog.entries:
            rows.append(Row(fid, catalog[fid].name, cells))
    return _table(
        run,
        "benchmarks-scenarios",
        "Benchmarks: throughput by scenario",
        f"Requests/s at 64 connections in each scenario, one worker; run {run.id}.",
        "throughput-by-scenario",
        columns,
        rows,
    )


# --- beyond request scenarios -----------------------------------------------------------------


def open_loop_table(catalog: Catalog, run: Run) -> Table:
    fractions = (run.parameters.get("open_loop") or {}).get("fractions", [])
    columns = [Column("peak", "Peak requests/s", "The closed-loop peak the rates are fractions of")]
    for f in fractions:
        pct = f"{100 * f:.0f}%"
        columns += [
            Column(f"rate-{pct}", f"Rate at {pct}", f"Requests/s offered: {pct} of the peak"),
            Column(f"p50-{pct}", f"p50 ms at {pct}", "Median latency, counted from when each request was due"),
            Column(f"p99-{pct}", f"p99 ms at {pct}", "99th percentile, counted from when each request was due"),
            Column(f"p999-{pct}", f"p99.9 ms at {pct}", "99.9th percentile, counted from when each request was due"),
        ]
    rows = []
    for fid, fw in run.frameworks.items():
        lead = fw.scenarios.get(LEAD)
        if not (lead and lead.open_loop and lead.points):
            continue
        cells = {"peak": Cell(lead.peak.rps.median, f"{lead.peak.rps.median:,.0f}")}
        for r in lead.open_loop:
            pct = f"{100 * r.fraction_of_peak:.0f}%"
            flag = ERRORS if r.has_errors else "behind" if not r.kept_schedule else None
            why = ERRORS_TITLE if r.has_errors else f"only {r.achieved_rps:,.0f} requests/s were sent"
            cells[f"rate-{pct}"] = Cell(r.target_rps, f"{r.target_rps:,.0f}", flag=flag, flag_title=why if flag else None)
            for key in ("p50", "p99", "p999"):
                value = getattr(r.latency_ms, key)
                cells[f"{key}-{pct}"] = _flagged(value, _ms(value), r.has_errors)
        rows.append(Row(fid, catalog[fid].name, cells))
    rows.sort(key=lambda r: -r.cells["peak"].value)
    return _table(
        run,
        "benchmarks-open-loop",
        "Benchmarks: latency at fixed request rates",
        "Return JSON offered at fixed rates below each framework's own peak (open loop): latency as "
        f"users see it at that load, counted from when each request was due; run {run.id}.",
        "open-loop",
        columns,
        rows,
        meta={"fractions": fractions},
    )


WEBSOCKET_COLUMNS = (
    Column("mps", "Messages/s (median)", "Echoed messages per second over all connections, median over runs"),
    Column("cv", "Within-run CV", "Coefficient of variation of messages/s over the runs within this run"),
    Column("connections", "Connections", "WebSocket connections, each one message in flight"),
    Column("server_cpu", "Server CPU %", "CPU used by the server's processes, % of one core"),
    Column("client_cpu", "Client CPU %", "CPU used by the Python client, % of one core: near 100, the client was the limit"),
    Column("rss", "Peak RSS MB", "Peak resident memory of the server's processes"),
)


def websocket_table(catalog: Catalog, run: Run) -> Table:
    rows = []
    for fid, r in (run.websocket_echo or {}).items():
        if not r.measured or r.messages_per_s is None:
            continue
        mps = r.messages_per_s.median
        cells = {
            "mps": Cell(
                mps,
                f"{mps:,.0f}",
                flag="client-bound" if r.client_bound else None,
                flag_title="the client used its whole CPU: the server may do more" if r.client_bound else None,
            ),
            "cv": Cell(r.messages_per_s.cv, f"{100 * r.messages_per_s.cv:.1f}%"),
            "connections": Cell(r.connections, str(r.connections)),
            "server_cpu": Cell(r.server_cpu_percent, f"{r.server_cpu_percent or 0:.0f}"),
            "client_cpu": Cell(r.client_cpu_percent, f"{r.client_cpu_percent or 0:.0f}"),
            "rss": Cell(r.peak_rss_mb, f"{r.peak_rss_mb or 0:.0f}"),
        }
        rows.append(Row(fid, catalog[fid].name, cells))
    rows.sort(key=lambda r: -r.cells["mps"].value)
    return _table(
        run,
        "benchmarks-websocket",
        "Benchmarks: WebSocket echo",
        f"Messages echoed per second by the websocket-echo snippet, one worker; run {run.id}.",
        "websocket-echo",
        WEBSOCKET_COLUMNS,
        rows,
    )


QUEUE_COLUMNS = (
    Column("broker", "Broker", "The real broker the jobs went through"),
    Column(
        "jobs_per_s", "Jobs/s end to end (median)", "Accepted jobs divided by the time from the first POST to the last job done"
    ),
    Column("cv", "Within-run CV", "Coefficient of variation of jobs/s over the runs within this run"),
    Column("enqueue", "Enqueued/s", "Jobs accepted per second by the web process (POST /jobs answered 202)"),
    Column("completed", "Completed", "Jobs that reported done, of those accepted, over all runs"),
    Column("worker", "Worker", "The worker command, pinned with the web process to the server CPU"),
)
BROKER_NAMES = {"redis": "Redis", "rabbitmq": "RabbitMQ", "postgres": "PostgreSQL", "default": "its default"}


def queues_table(catalog: Catalog, run: Run) -> Table:
    rows = []
    for fid, by_broker in (run.queues or {}).items():
        for broker, r in by_broker.items():
            if not r.measured or r.jobs_per_s is None:
                continue
            jps, done, total = r.jobs_per_s.median, sum(r.completed or []), sum(r.jobs or [])
            bad = bool(r.has_errors)
            cells = {
                "broker": Cell(broker, BROKER_NAMES.get(broker, broker)),
                "jobs_per_s": Cell(
                    jps,
                    f"{jps:,.0f}",
                    flag=ERRORS if bad else None,
                    flag_title="errors, refused jobs or jobs that never finished" if bad else None,
                ),
                "cv": Cell(r.jobs_per_s.cv, f"{100 * r.jobs_per_s.cv:.1f}%"),
                "enqueue": Cell(
                    r.enqueue_rps.median if r.enqueue_rps else None, f"{r.enqueue_rps.median:,.0f}" if r.enqueue_rps else "n/a"
                ),
                "completed": Cell(done, f"{done:,} of {total:,}"),
                "worker": Cell(r.worker, r.worker or ""),
            }
            name = f"{catalog[fid].name} ({BROKER_NAMES.get(broker, broker)})"
            rows.append(Row(f"{fid}-{broker}", name, cells, entry=fid))
    rows.sort(key=lambda r: -r.cells["jobs_per_s"].value)
    return _table(
        run,
        "benchmarks-queues",
        "Benchmarks: task queues",
        f"Jobs per second through the background-job snippet and a real broker; run {run.id}.",
        "task-queues",
        QUEUE_COLUMNS,
        rows,
        row_header="Queue",
    )


def _sound_peak(run: Run, fid: str, scenario: str) -> float | None:
    sc = run.measured(scenario).get(fid)
    sound = [p for p in (sc.points if sc else []) if not p.failed]
    return max(p.rps.median for p in sound) if sound else None


def spread(catalog: Catalog, run: Run) -> dict[tuple[str, str], list[float]]:
    """{(framework, scenario): peak median requests/s in the run and each repeat of it, where all are sound}."""
    repeats = [r for r in catalog.benchmarks.values() if r.kind == "repeat" and r.repeat_of == run.id]
    out: dict[tuple[str, str], list[float]] = {}
    for fid in dict.fromkeys(f for rep in repeats for f in rep.frameworks):
        runs = [run, *(r for r in repeats if fid in r.frameworks)]
        for scenario in run.frameworks[fid].scenarios if fid in run.frameworks else ():
            values = [_sound_peak(x, fid, scenario) for x in runs]
            if None not in values:
                out[(fid, scenario)] = values  # type: ignore[assignment]
    return out


def repeats_table(catalog: Catalog, run: Run) -> Table:
    figures = spread(catalog, run)
    scenarios = [s for s in catalog.scenarios if any(k[1] == s for k in figures)]
    columns = tuple(
        Column(
            s,
            f"{catalog.scenario_title(s)}: across-run CV",
            "Coefficient of variation of the peak median requests/s across whole runs",
        )
        for s in scenarios
    )
    rows = []
    for fid in dict.fromkeys(k[0] for k in figures):
        cells = {}
        for s in scenarios:
            values = figures.get((fid, s))
            if values:
                cv = statistics.stdev(values) / statistics.mean(values)
                runs = ", ".join(f"{v:,.0f}" for v in values)
                cells[s] = Cell(round(cv, 4), f"{100 * cv:.1f}%", note=f"requests/s in {len(values)} runs: {runs}")
            else:
                cells[s] = Cell(None, "n/a")
        rows.append(Row(fid, catalog[fid].name, cells))
    return _table(
        run,
        "benchmarks-spread",
        "Benchmarks: run-to-run spread",
        f"The same frameworks measured again after run {run.id}, on the same machine: how much a "
        "median moves between whole runs.",
        "run-to-run-spread",
        columns,
        rows,
    )


def scenario_tables(catalog: Catalog) -> list[Table]:
    """The per-scenario tables (benchmarks-<scenario>) of the newest run, not the sweep or latency ones."""
    return [t for t in bench_tables(catalog) if t.meta.get("scenario") and t.id == f"benchmarks-{t.meta['scenario']}"]


def bench_tables(catalog: Catalog) -> list[Table]:
    """Every benchmark table of the newest run, in the order the benchmarks page shows them."""
    run = catalog.latest_run
    if run is None:
        return []
    tables = [scenario_table(catalog, run, s) for s in run.scenarios]
    tables += [sweep_table(catalog, run), latency_table(catalog, run), scenarios_table(catalog, run)]
    return tables + [
        open_loop_table(catalog, run),
        websocket_table(catalog, run),
        queues_table(catalog, run),
        repeats_table(catalog, run),
    ]
