"""Benchmark tables beyond the request scenarios: open loop, WebSocket echo, task queues and the
run-to-run spread from repeat runs. Same model as every other matrix (atlas/tables.py), so
each is on the site, embeddable and exportable like the rest."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable

from .catalog import Catalog
from .tables import Cell, Column, Row, Table, failed, measured, peak


def _run_table(
    run: dict,
    table_id: str,
    title: str,
    description: str,
    anchor: str,
    columns: Iterable[Column],
    rows: Iterable[Row],
    row_header: str = "Framework",
) -> Table:
    """A sortable table of one run, dated by the run and shown on the benchmarks page at `anchor`."""
    return Table(
        id=table_id,
        title=title,
        description=description,
        page=f"benchmarks/#{anchor}",
        row_header=row_header,
        columns=tuple(columns),
        rows=tuple(rows),
        snapshot=dt.date.fromisoformat(str(run["provenance"]["date"])[:10]),
        sortable=True,
        meta={"run": run["id"]},
    )


def _ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def open_loop_table(catalog: Catalog, run: dict) -> Table:
    fractions = run["parameters"].get("open_loop", {}) or {}
    fractions = fractions.get("fractions", [])
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
    for fid, fw in run["frameworks"].items():
        hello = fw["scenarios"].get("hello-json", {})
        if not hello.get("open_loop"):
            continue
        cells = {"peak": Cell(peak(hello["points"])["rps"]["median"], f"{peak(hello['points'])['rps']['median']:,.0f}")}
        for r in hello["open_loop"]:
            pct = f"{100 * r['fraction_of_peak']:.0f}%"
            behind = not r["kept_schedule"]
            flag = "errors" if r["has_errors"] else "behind" if behind else None
            why = "errors or non-2xx answers" if r["has_errors"] else f"only {r['achieved_rps']:,.0f} requests/s were sent"
            cells[f"rate-{pct}"] = Cell(r["target_rps"], f"{r['target_rps']:,.0f}", flag=flag, flag_title=why if flag else None)
            for key in ("p50", "p99", "p999"):
                cells[f"{key}-{pct}"] = Cell(r["latency_ms"][key], _ms(r["latency_ms"][key]))
        rows.append(Row(fid, catalog[fid].name, cells))
    rows.sort(key=lambda r: -r.cells["peak"].value)
    return _run_table(
        run,
        "benchmarks-open-loop",
        "Benchmarks: latency at fixed request rates",
        "Return JSON offered at fixed rates below each framework's own peak (open loop): latency as "
        f"users see it at that load, counted from when each request was due; run {run['id']}.",
        "open-loop",
        columns,
        rows,
    )


WEBSOCKET_COLUMNS = (
    Column("mps", "Messages/s (median)", "Echoed messages per second over all connections, median over runs"),
    Column("cv", "Run-to-run CV", "Coefficient of variation of messages/s over runs"),
    Column("connections", "Connections", "WebSocket connections, each one message in flight"),
    Column("server_cpu", "Server CPU %", "CPU used by the server's processes, % of one core"),
    Column("client_cpu", "Client CPU %", "CPU used by the Python client, % of one core: near 100, the client was the limit"),
    Column("rss", "Peak RSS MB", "Peak resident memory of the server's processes"),
)


def websocket_table(catalog: Catalog, run: dict) -> Table:
    rows = []
    for fid, r in (run.get("websocket_echo") or {}).items():
        if not r["measured"]:
            continue
        mps = r["messages_per_s"]["median"]
        bound = r["client_bound"]
        cells = {
            "mps": Cell(
                mps,
                f"{mps:,.0f}",
                flag="client-bound" if bound else None,
                flag_title="the client used its whole CPU: the server may do more" if bound else None,
            ),
            "cv": Cell(r["messages_per_s"]["cv"], f"{100 * r['messages_per_s']['cv']:.1f}%"),
            "connections": Cell(r["connections"], str(r["connections"])),
            "server_cpu": Cell(r.get("server_cpu_percent"), f"{r.get('server_cpu_percent', 0):.0f}"),
            "client_cpu": Cell(r["client_cpu_percent"], f"{r['client_cpu_percent']:.0f}"),
            "rss": Cell(r.get("peak_rss_mb"), f"{r.get('peak_rss_mb', 0):.0f}"),
        }
        rows.append(Row(fid, catalog[fid].name, cells))
    rows.sort(key=lambda r: -r.cells["mps"].value)
    return _run_table(
        run,
        "benchmarks-websocket",
        "Benchmarks: WebSocket echo",
        f"Messages echoed per second by the websocket-echo snippet, one worker; run {run['id']}.",
        "websocket-echo",
        WEBSOCKET_COLUMNS,
        rows,
    )


QUEUE_COLUMNS = (
    Column("broker", "Broker", "The real broker the jobs went through"),
    Column(
        "jobs_per_s", "Jobs/s end to end (median)", "Accepted jobs divided by the time from the first POST to the last job done"
    ),
    Column("cv", "Run-to-run CV", "Coefficient of variation of jobs/s over runs"),
    Column("enqueue", "Enqueued/s", "Jobs accepted per second by the web process (POST /jobs answered 202)"),
    Column("completed", "Completed", "Jobs that reported done, of those accepted, over all runs"),
    Column("worker", "Worker", "The worker command, pinned with the web process to the server CPU"),
)
BROKER_NAMES = {"redis": "Redis", "rabbitmq": "RabbitMQ", "default": "its default"}


def queues_table(catalog: Catalog, run: dict) -> Table:
    rows = []
    for fid, by_broker in (run.get("queues") or {}).items():
        for broker, r in by_broker.items():
            if not r["measured"]:
                continue
            jps, done, total = r["jobs_per_s"]["median"], sum(r["completed"]), sum(r["jobs"])
            cells = {
                "broker": Cell(broker, BROKER_NAMES.get(broker, broker)),
                "jobs_per_s": Cell(
                    jps,
                    f"{jps:,.0f}",
                    flag="errors" if r["has_errors"] else None,
                    flag_title="errors, refused jobs or jobs that never finished" if r["has_errors"] else None,
                ),
                "cv": Cell(r["jobs_per_s"]["cv"], f"{100 * r['jobs_per_s']['cv']:.1f}%"),
                "enqueue": Cell(r["enqueue_rps"]["median"], f"{r['enqueue_rps']['median']:,.0f}"),
                "completed": Cell(done, f"{done:,} of {total:,}"),
                "worker": Cell(r.get("worker"), r.get("worker") or ""),
            }
            name = f"{catalog[fid].name} ({BROKER_NAMES.get(broker, broker)})"
            rows.append(Row(f"{fid}-{broker}", name, cells, entry=fid))
    rows.sort(key=lambda r: -r.cells["jobs_per_s"].value)
    return _run_table(
        run,
        "benchmarks-queues",
        "Benchmarks: task queues",
        f"Jobs per second through the background-job snippet and a real broker; run {run['id']}.",
        "task-queues",
        QUEUE_COLUMNS,
        rows,
        row_header="Queue",
    )


def _sound_peak(run: dict, fid: str, scenario: str) -> float | None:
    points = measured(run, scenario).get(fid)
    sound = [p for p in points or [] if not failed(p)]
    return peak(sound)["rps"]["median"] if sound else None


def spread(catalog: Catalog, run: dict) -> dict[tuple[str, str], list[float]]:
    """{(framework, scenario): peak median requests/s in the full run and each repeat of it that has both sound}."""
    repeats = [r for r in catalog.benchmarks.values() if r["kind"] == "repeat" and r.get("repeat_of") == run["id"]]
    out: dict[tuple[str, str], list[float]] = {}
    for fid in dict.fromkeys(f for rep in repeats for f in rep["frameworks"]):
        runs = [run, *(r for r in repeats if fid in r["frameworks"])]
        for scenario in run["frameworks"].get(fid, {}).get("scenarios", {}):
            values = [_sound_peak(x, fid, scenario) for x in runs]
            if None not in values:
                out[(fid, scenario)] = values
    return out


def repeats_table(catalog: Catalog, run: dict) -> Table:
    from .tables import SCENARIO_TITLES

    figures = spread(catalog, run)
    scenarios = [s for s in SCENARIO_TITLES if any(k[1] == s for k in figures)]
    columns = tuple(
        Column(s, f"{SCENARIO_TITLES[s]}: CV", "Coefficient of variation of the peak median requests/s across runs")
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
    return _run_table(
        run,
        "benchmarks-spread",
        "Benchmarks: run-to-run spread",
        f"The same frameworks measured again after run {run['id']}, on the same machine: how much a "
        "median moves between whole runs.",
        "run-to-run-spread",
        columns,
        rows,
    )


def extra_tables(catalog: Catalog, run: dict) -> list[Table]:
    return [open_loop_table(catalog, run), websocket_table(catalog, run), queues_table(catalog, run), repeats_table(catalog, run)]
