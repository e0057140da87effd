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

from atlas.core import stats
from atlas.core.benchmarks import Point, Run, Scenario, SetupResult
from atlas.core.catalog import Catalog
from atlas.core.setups import SETUP_KINDS, SETUP_LABELS
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


# --- per scenario, one row per (framework, setup) ------------------------------------------------

BENCH_COLUMNS = (
    Column(
        "setup",
        "Setup",
        "How the framework was served: as deployed (its docs' production setup), on the common server, or gunicorn sync",
    ),
    Column("server", "Server", "Server, version and worker class, as observed in the running processes"),
    Column(
        "stack",
        "Parser · loop · log",
        "HTTP parser and event loop (the compiled modules loaded in the server's processes) and access log "
        "(lines written per request)",
    ),
    Column(
        "keep_alive",
        "Keep-alive",
        "Observed: connections the load generator opened per request at 64 connections (0 = kept alive)",
    ),
    Column(
        "band",
        "Rank band",
        "Setups whose intervals overlap (or medians within 5 %) share a rank: the noise rule of atlas.core.stats",
    ),
    Column(
        "rps",
        "Peak, median",
        "Peak requests per second: the median over repeats, at the best number of connections",
        unit="req/s",
    ),
    Column(
        "interval", "95 % interval", "Bootstrap interval of the median over repeats; with fewer than five repeats, their min–max"
    ),
    Column("concurrency", "at connections", "The number of connections at which the peak was reached"),
    Column(
        "cv",
        "CV",
        "Coefficient of variation of requests/s at the peak: across interleaved repeats, or within one run (before 2026-12)",
    ),
    Column(
        "us_per_request", "CPU per request", "Server CPU time per completed request at the peak (all its processes)", unit="µs"
    ),
    Column("ceiling", "Of nginx ceiling", "Peak requests/s as a share of nginx serving the same JSON on the same machine"),
    Column("p50", "p50 at 64", "Median latency at 64 connections", unit="ms"),
    Column("p99", "p99 at 64", "99th-percentile latency at 64 connections", unit="ms"),
    Column("rss", "Peak RSS", "Peak resident memory of the server's processes at 64 connections", unit="MB"),
    Column("cold_start", "Cold start", "Process start to first 200 response, median of 3", unit="ms"),
    Column(
        "import",
        "Import",
        "Loading the hello-json snippet (imports, app creation) in a fresh interpreter, median of 5",
        unit="ms",
    ),
    Column("env_size", "Env", "Size of the framework's pinned environment", unit="MB"),
    Column("distributions", "Distributions", "Distributions installed in the pinned environment"),
)
RANKING_COLUMNS = ("band", "server", "stack", "keep_alive", "rps", "interval", "us_per_request", "p99")


def _at64(sc: Scenario) -> Point:
    return sc.at(64) or sc.peak  # type: ignore[return-value]


def _server_words(catalog: Catalog, setup: SetupResult) -> str:
    name = catalog[setup.server].name if setup.server in catalog.entries else setup.server
    version = setup.observed.server_version if setup.observed else None
    workers = f"{setup.workers} worker" + ("s" if setup.workers != 1 else "")
    return f"{name} {version or ''} ({setup.worker_class}, {workers})".replace("  ", " ")


def _stack_words(setup: SetupResult) -> str:
    """Parser, event loop and access log, as observed in the running server."""
    o = setup.observed
    if o is None:
        return "not observed"
    lines = o.access_log_lines_per_request
    log = "access log unknown" if lines is None else "access log" if lines >= 0.5 else "no access log"
    return f"{o.http_parser} · {o.event_loop} · {log}"


def _keep_alive_cell(setup: SetupResult) -> Cell:
    o = setup.observed
    if o is None:
        return Cell(None, "not observed", mark="unknown", note="runs before 2026-12 did not observe keep-alive")
    per = o.connections_per_request
    if per is None:
        return Cell(o.keep_alive, "yes" if o.keep_alive else "no")
    words = "yes" if per < 0.05 else "no" if per > 0.9 else "partly"
    return Cell(
        per,
        f"{words} ({per:.2f} conn/req)",
        flag="closes" if words == "no" else None,
        flag_title="the server closed the connection after responses: every request paid a new connection"
        if words == "no"
        else None,
    )


#: Short setup words for row names (the Setup column says it in full).
SETUP_SHORT = {"as-deployed": "deployed", "common": "common", "gunicorn-sync": "sync", "test-command": "test cmd"}


def setup_name(catalog: Catalog, fid: str, kind: str) -> str:
    """A row's name in a per-setup table: "Falcon (common)"."""
    return f"{catalog[fid].name} ({SETUP_SHORT.get(kind, kind)})"


def _best_sound(sc: Scenario) -> Point | None:
    """The highest point without errors: what a setup is ranked by (None: every point failed)."""
    sound = [p for p in sc.points if not p.failed]
    return max(sound, key=lambda p: p.rps.median) if sound else None


def _interval(summary) -> str:
    f = summary.figure
    return f"{f.low:,.0f}–{f.high:,.0f}"


def setup_rows(catalog: Catalog, run: Run, scenario: str, kinds: tuple[str, ...] | None = None) -> list[Row]:
    """One row per measured (framework, setup), best first, each with its rank band; failed points
    are flagged and kept out of the bands."""
    found = run.measured_setups(scenario, kinds)
    ceiling = run.ceiling.peak_rps
    best = {k: _best_sound(sc) for k, sc in found.items()}
    ranks = dict(stats.bands([k for k in found if best[k]], lambda k: best[k].rps.figure))  # type: ignore[union-attr]
    all_ranks = list(ranks.values())
    order = sorted(found, key=lambda k: (k not in ranks, -(best[k] or found[k].peak).rps.median))
    rows = []
    for key in order:
        fid, kind = key
        if fid not in catalog.entries:
            continue
        fw, setup, sc = run.frameworks[fid], run.setup(key), found[key]
        top, at64 = best[key] or sc.peak, _at64(sc)
        rps, bad = top.rps.median, sc.failed
        failed_at = [p.concurrency for p in sc.points if p.failed]
        why = f"{ERRORS_TITLE}, at {', '.join(map(str, failed_at))} connections" if failed_at else None
        band = ranks.get(key)
        cells = {
            "setup": Cell(kind, SETUP_LABELS.get(kind, kind), link=setup.source),
            "server": Cell(setup.server, _server_words(catalog, setup)),
            "stack": Cell(_stack_words(setup), _stack_words(setup)),
            "keep_alive": _keep_alive_cell(setup),
            "band": Cell(band, stats.band_label(band, all_ranks)) if band else _flagged(None, "unranked", True),
            "rps": Cell(rps, f"{rps:,.0f}", flag=ERRORS if bad else None, flag_title=why),
            "interval": _flagged(top.rps.figure.low, _interval(top.rps), top.failed, note=top.rps.interval or "min-max"),
            "concurrency": Cell(top.concurrency, str(top.concurrency)),
            "cv": Cell(top.rps.cv, f"{100 * top.rps.cv:.1f}%", note="across repeats" if top.rps.across_repeats else "within run"),
            "us_per_request": Cell(
                top.cpu_us_per_request, "n/a" if top.cpu_us_per_request is None else f"{top.cpu_us_per_request:,.0f}"
            ),
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
        rows.append(Row(f"{fid}@{kind}", setup_name(catalog, fid, kind), cells, entry=fid))
    return rows


def scenario_table(catalog: Catalog, run: Run, scenario: str) -> Table:
    rows = setup_rows(catalog, run, scenario)
    shown = {r.entry for r in rows}
    for fid, fw in run.frameworks.items():  # in the run, but not measured in this scenario: say why
        if fid in shown or fid not in catalog.entries:
            continue
        for kind, setup in fw.setups.items():
            sc = setup.scenarios.get(scenario)
            if sc is not None:
                why = f"not measured: {sc.reason or 'no points'}"
                rows.append(
                    Row(
                        f"{fid}@{kind}",
                        setup_name(catalog, fid, kind),
                        _not_yet(BENCH_COLUMNS, why),
                        entry=fid,
                    )
                )
                shown.add(fid)
    rows += [Row(fid, catalog[fid].name, _not_yet(BENCH_COLUMNS)) for fid in _waiting(catalog, run, scenario, shown)]
    title = catalog.scenario_title(scenario)
    return _table(
        run,
        f"benchmarks-{scenario}",
        f"Benchmarks: {title}",
        f"{title}: peak throughput and latency of each framework under each setup, one worker, run {run.id}.",
        "throughput" if scenario == LEAD else "throughput-by-scenario",
        BENCH_COLUMNS,
        rows,
        row_header="Framework · setup",
        meta={"scenario": scenario, "ceiling_rps": run.ceiling.peak_rps},
    )


def ranking_table(catalog: Catalog, run: Run, kind: str, scenario: str = LEAD) -> Table:
    """One setup kind's ranking in a scenario (the common server: the framework is what differs)."""
    columns = tuple(c for c in BENCH_COLUMNS if c.id in RANKING_COLUMNS)
    rows = [
        Row(r.id, catalog[r.entry].name, {c.id: r.cells[c.id] for c in columns}, entry=r.entry)
        for r in setup_rows(catalog, run, scenario, (kind,))
    ]
    label = SETUP_LABELS.get(kind, kind)
    title = catalog.scenario_title(scenario)
    return _table(
        run,
        f"benchmarks-ranking-{kind}",
        f"Benchmarks: {title}, ranked {label}",
        f"{title}: every framework {label}, in rank bands (figures inside the noise share a rank); run {run.id}.",
        f"ranking-{kind}",
        columns,
        rows,
        meta={"scenario": scenario, "setup": kind},
    )


def server_effect_table(catalog: Catalog, run: Run, scenario: str = LEAD) -> Table:
    """Each framework across its setups: how much of a figure is the server."""
    found = run.measured_setups(scenario)
    kinds = [k for k in (*SETUP_KINDS, "test-command") if any(key[1] == k for key in found)]
    columns = [Column(k, f"{SETUP_LABELS[k]} req/s", f"Peak requests/s (median) {SETUP_LABELS[k]}") for k in kinds]
    columns.append(Column("effect", "Best ÷ worst", "The best setup's median over the worst's: the server's share of the figure"))
    rows = []
    for fid in dict.fromkeys(key[0] for key in found):
        if fid not in catalog.entries or sum(key[0] == fid for key in found) < 2:
            continue  # one setup shows no server effect
        cells, medians = {}, []
        for k in kinds:
            sc = found.get((fid, k))
            if sc is None:
                cells[k] = Cell(None, "—", note="not measured under this setup")
                continue
            cells[k] = _flagged(sc.peak.rps.median, f"{sc.peak.rps.median:,.0f} ({_interval(sc.peak.rps)})", sc.failed)
            if not sc.failed:
                medians.append(sc.peak.rps.median)
        effect = max(medians) / min(medians) if len(medians) > 1 and min(medians) else None
        cells["effect"] = Cell(effect, "—" if effect is None else f"×{effect:.1f}")
        rows.append(Row(fid, catalog[fid].name, cells))
    rows.sort(key=lambda r: -(r.cells["effect"].value or 0))
    title = catalog.scenario_title(scenario)
    return _table(
        run,
        "benchmarks-server-effect",
        f"Benchmarks: {title}, the server effect",
        f"{title}: each framework's peak requests/s under each setup it was measured with; run {run.id}.",
        "server-effect",
        columns,
        rows,
        meta={"scenario": scenario},
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
        "benchmarks-sweep" if scenario == LEAD else f"benchmarks-sweep-{scenario}",
        f"Benchmarks: {title} by number of connections",
        f"{title}: requests/s (median over repeats) at each number of connections, each framework under its "
        f"lead setup (the common server where measured); run {run.id}.",
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
        lead = fw.lead.scenarios.get(LEAD)
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
        for scenario in run.frameworks[fid].lead.scenarios if fid in run.frameworks else ():
            values = [_sound_peak(x, fid, scenario) for x in runs]
            if None not in values:
                out[(fid, scenario)] = values  # type: ignore[assignment]
    return out


def repeats_table(catalog: Catalog, run: Run) -> Table:
    """How much a median moves between repeats: for runs with interleaved repeats, every framework and
    setup's spread across them; for older runs, across the separate repeat runs of a few frameworks."""
    interleaved = any(sc.peak.rps.across_repeats for sc in run.measured_setups(LEAD).values())
    if interleaved:
        scenarios = [s for s in run.scenarios if run.measured_setups(s)]
        columns = tuple(
            Column(
                s,
                f"{catalog.scenario_title(s)}: CV across repeats",
                "Coefficient of variation of requests/s at the peak over the interleaved repeats",
            )
            for s in scenarios
        )
        rows = []
        for key in sorted({k for s in scenarios for k in run.measured_setups(s)}):
            fid, kind = key
            if fid not in catalog.entries:
                continue
            cells = {}
            for s in scenarios:
                sc = run.measured_setups(s).get(key)
                if sc is None:
                    cells[s] = Cell(None, "n/a")
                    continue
                rps = sc.peak.rps
                runs = ", ".join(f"{v:,.0f}" for v in rps.runs)
                cells[s] = _flagged(
                    rps.cv, f"{100 * rps.cv:.1f}%", sc.failed, note=f"requests/s in {len(rps.runs)} repeats: {runs}"
                )
            rows.append(Row(f"{fid}@{kind}", setup_name(catalog, fid, kind), cells, entry=fid))
        description = (
            f"Every framework and setup of run {run.id}, measured in interleaved repeats on fresh servers: how much "
            "its peak median moves from one repeat to the next."
        )
    else:
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
        description = (
            f"The same frameworks measured again after run {run.id}, on the same machine: how much a "
            "median moves between whole runs."
        )
    return _table(
        run,
        "benchmarks-spread",
        "Benchmarks: run-to-run spread",
        description,
        "run-to-run-spread",
        columns,
        rows,
    )


COST_COLUMNS = (
    Column("setup", "Setup", "How the framework was served"),
    Column("us_per_request", "CPU µs/request", "Server CPU time per completed request at the peak"),
    Column("per_core", "Req/s per core", "1,000,000 ÷ µs/request: what one fully busy core serves"),
    Column("rps", "Peak req/s", "The measured peak with one worker on one core"),
)


def cost_table(catalog: Catalog, run: Run, scenario: str = LEAD) -> Table:
    """What a request costs the server: the figure the cores calculator multiplies. The table's meta
    carries each row's open-loop p99 at fixed shares of its peak, which the calculator reads too."""
    found = run.measured_setups(scenario)
    rows, open_loop = [], {}
    for (fid, kind), sc in sorted(found.items(), key=lambda kv: kv[1].peak.cpu_us_per_request or float("inf")):
        top, us = sc.peak, sc.peak.cpu_us_per_request
        if fid not in catalog.entries or us is None:
            continue
        row_id = f"{fid}@{kind}"
        cells = {
            "setup": Cell(kind, SETUP_LABELS.get(kind, kind)),
            "us_per_request": _flagged(us, f"{us:,.0f}", sc.failed),
            "per_core": _flagged(1e6 / us, f"{1e6 / us:,.0f}", sc.failed),
            "rps": _flagged(top.rps.median, f"{top.rps.median:,.0f}", sc.failed),
        }
        rows.append(Row(row_id, setup_name(catalog, fid, kind), cells, entry=fid))
        open_loop[row_id] = [
            {"fraction": r.fraction_of_peak, "p99_ms": r.latency_ms.p99, "ok": r.kept_schedule and not r.has_errors}
            for r in sc.open_loop or []
        ]
    title = catalog.scenario_title(scenario)
    return _table(
        run,
        "benchmarks-cost",
        f"Benchmarks: {title}, cost per request",
        f"{title}: server CPU time per request and requests/s one core serves, per setup; run {run.id}.",
        "cores",
        COST_COLUMNS,
        rows,
        row_header="Framework · setup",
        meta={"scenario": scenario, "open_loop": open_loop},
    )


CAPACITY_COLUMNS = (
    Column("held", "Connections held", "Idle WebSocket connections open at once at the largest step that succeeded"),
    Column("kb", "KB per connection", "Growth of the server's resident memory per idle connection"),
    Column("p50", "Echo p50 ms", "Echo round trip on one more connection while the others are held"),
    Column("p99", "Echo p99 ms", "99th percentile of those round trips"),
    Column("errors", "Failed", "Connections refused or dropped over all steps"),
)


def capacity_table(catalog: Catalog, run: Run) -> Table:
    rows = []
    for fid, r in (run.capacity or {}).items():
        if fid not in catalog.entries:
            continue
        if not r.measured or not r.steps:
            rows.append(Row(fid, catalog[fid].name, _not_yet(CAPACITY_COLUMNS, f"not measured: {r.reason or 'no steps'}")))
            continue
        best = max(r.steps, key=lambda s: s.opened)
        errors = sum(s.errors for s in r.steps)
        cells = {
            "held": _flagged(best.opened, f"{best.opened:,} of {best.connections:,}", best.opened < best.connections),
            "kb": Cell(r.kb_per_connection, "n/a" if r.kb_per_connection is None else f"{r.kb_per_connection:,.1f}"),
            "p50": Cell(best.echo_p50_ms, "n/a" if best.echo_p50_ms is None else _ms(best.echo_p50_ms)),
            "p99": Cell(best.echo_p99_ms, "n/a" if best.echo_p99_ms is None else _ms(best.echo_p99_ms)),
            "errors": _flagged(errors, f"{errors:,}", errors > 0),
        }
        rows.append(Row(fid, catalog[fid].name, cells))
    rows.sort(key=lambda r: -(r.cells["held"].value or 0))
    return _table(
        run,
        "benchmarks-capacity",
        "Benchmarks: idle WebSocket connections",
        f"Idle WebSocket connections each websocket-echo snippet held open, memory per connection and echo latency "
        f"meanwhile; run {run.id}.",
        "connection-capacity",
        CAPACITY_COLUMNS,
        rows,
    )


CALIBRATION_COLUMNS = (
    Column("machine", "Machine", "CPU model, cores and kernel of the shard's machine"),
    Column("items", "Setups", "Framework setups this shard measured"),
    Column("reference", "Reference req/s", "The reference setup, measured between frameworks throughout the shard (median)"),
    Column("drift", "Drift", "(max - min) ÷ median of the reference over the shard: above 10 % the shard's figures are suspect"),
    Column("ceiling", "nginx req/s", "The nginx ceiling on this machine"),
    Column("scale", "Scale", "Factor that put this shard's figures on the first shard's machine (1: same machine)"),
    Column("load", "Load average", "1-minute load average at the start and end of the shard"),
    Column("wall", "Wall time", "How long the shard took"),
)


def calibration_table(catalog: Catalog, run: Run) -> Table:
    rows = []
    for s in run.shards or []:
        p, c = s.provenance, s.calibration
        load = f"{(p.load_average or [0])[0]:.2f} → {(p.load_average_end or [0])[0]:.2f}"
        cells = {
            "machine": Cell(p.cpu_model, f"{p.cpu_model}, {p.cores} cores, Linux {p.kernel}"),
            "items": Cell(len(s.items), str(len(s.items))),
            "reference": Cell(c.reference_rps.median, f"{c.reference_rps.median:,.0f} ({c.reference})"),
            "drift": Cell(
                c.drift,
                f"{100 * c.drift:.1f}%",
                flag="drift" if c.drift > 0.1 else None,
                flag_title="the reference moved more than 10 % during the shard" if c.drift > 0.1 else None,
            ),
            "ceiling": Cell(c.ceiling_rps, f"{c.ceiling_rps:,.0f}"),
            "scale": Cell(s.scale, "not merged yet" if s.scale is None else f"{s.scale:.3f}"),
            "load": Cell(p.load_average, load),
            "wall": Cell(s.wall_seconds, f"{s.wall_seconds / 60:,.0f} min"),
        }
        rows.append(Row(f"shard-{s.index}", f"Shard {s.index} of {s.count}", cells, about_entry=False))
    return _table(
        run,
        "benchmarks-shards",
        "Benchmarks: shards and calibration",
        f"Each shard of run {run.id}: its machine, reference drift, ceiling and load; run {run.id}.",
        "shards",
        CALIBRATION_COLUMNS,
        rows,
        row_header="Shard",
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
    kinds = [k for k in ("common", "as-deployed") if run.measured_setups(LEAD, (k,))]
    tables += [ranking_table(catalog, run, k) for k in kinds]
    tables += [server_effect_table(catalog, run)]
    tables += [sweep_table(catalog, run, s) for s in run.scenarios]
    tables += [latency_table(catalog, run), scenarios_table(catalog, run), cost_table(catalog, run)]
    return tables + [
        open_loop_table(catalog, run),
        websocket_table(catalog, run),
        capacity_table(catalog, run),
        queues_table(catalog, run),
        repeats_table(catalog, run),
        calibration_table(catalog, run),
    ]
