"""The benchmarks page and each framework's figures, from the benchmark tables of
atlas.site.bench_tables: every table and every chart on the page is drawn from the same Table
objects the embeds and downloads use. Without JavaScript the tables carry the same figures.
"""

from __future__ import annotations

import statistics

from atlas.core.catalog import Catalog
from atlas.site import charts
from atlas.site.bench_tables import LEAD, bench_tables, scenario_tables
from atlas.site.inert import block, heading, markdown
from atlas.site.inert import html as e
from atlas.site.render import matrix_block, share_links
from atlas.site.table_model import Table

PLOTLY = "assets/javascripts/plotly-basic.min.js"


def _provenance(catalog: Catalog, base: str) -> str:
    run = catalog.latest_run
    assert run is not None
    p = run.provenance
    return (
        f'<p class="atlas-run">Run <strong>{e(run.id)}</strong> ({e(run.kind)}), {e(p.date)}: '
        f"{e(p.cpu_model)}, {p.cores} cores, Linux {e(p.kernel)}, CPython {e(p.python)}; "
        f"wrk {e(p.load_generator.get('version', '?'))} on CPU {e(p.load_cpus)}, servers on CPU {e(p.server_cpus)}, "
        f"one worker each; harness commit <code>{e(p.harness_commit[:12])}</code>. "
        f"Ceiling: nginx {e(p.ceiling_server.get('version', '?'))} serving the same JSON, "
        f"<strong>{run.ceiling.peak_rps:,.0f} requests/s</strong>. "
        f'<a href="{base}benchmarks/method/">How this is measured</a> · '
        f'raw data: <a href="{base}benchmarks/{e(run.id)}.yaml">YAML</a>, '
        f'<a href="{base}benchmarks/{e(run.id)}.json">JSON</a>.</p>'
    )


def benchmarks_page(catalog: Catalog, base: str) -> str:
    if catalog.latest_run is None:
        return block("<p>No benchmark run has been recorded yet: <code>make bench</code> writes one.</p>")
    t = {table.id: table for table in bench_tables(catalog)}
    lead = t[f"benchmarks-{LEAD}"]
    lines = [
        _provenance(catalog, base),
        heading(2, f"{catalog.scenario_title(LEAD)}: peak throughput", "throughput"),
        matrix_block(lead, base),
        f'<script src="{base}{PLOTLY}"></script>',
        f'<script src="{base}js/charts.js"></script>',
        charts.chart("chart-peak", charts.bars(lead, {"rps": "requests/s"}, "Peak requests/s (median over runs)", "requests/s")),
        "## Throughput by scenario {#throughput-by-scenario}",
    ]
    by_scenario = t["benchmarks-scenarios"]
    if by_scenario.rows:
        cols = {c.id: c.title for c in by_scenario.columns}
        lines += [
            charts.chart(
                "chart-scenarios", charts.bars(by_scenario, cols, "Requests/s at 64 connections, per scenario", "requests/s")
            ),
            matrix_block(by_scenario, base),
            "<p>Each scenario's full table, like the one above:</p>"
            + "<ul>"
            + "".join(
                share_links(x.id, base, f"{e(x.title.removeprefix('Benchmarks: '))}:", "li")
                for x in t.values()
                if x.meta.get("scenario") and x.id == f"benchmarks-{x.meta['scenario']}" and x.rows
            )
            + "</ul>",
        ]
    sweep = t["benchmarks-sweep"]
    if sweep.rows:
        log_x = {"xaxis": {"type": "log", "title": {"text": "connections"}}}
        lines += [
            heading(2, f"Concurrency sweep ({catalog.scenario_title(LEAD)})", "concurrency-sweep"),
            charts.chart(
                "chart-sweep", charts.lines(sweep, "Requests/s by number of connections", "connections", "requests/s", **log_x)
            ),
            matrix_block(sweep, base),
        ]
    latency = t["benchmarks-latency"]
    if latency.rows:
        log_y = {"yaxis": {"type": "log", "title": {"text": "ms (log)"}}}
        cols = {c.id: c.title.removesuffix(" ms") for c in latency.columns}
        lines += [
            heading(2, f"Latency percentiles at 64 connections ({catalog.scenario_title(LEAD)})", "latency-percentiles"),
            charts.chart("chart-latency", charts.bars(latency, cols, "Latency percentiles (ms)", "milliseconds", **log_y)),
            matrix_block(latency, base),
        ]
    lines += [
        "## Memory against throughput {#memory}",
        charts.chart(
            "chart-memory",
            charts.scatter(
                lead,
                "rss",
                "rps",
                "Peak RSS (MB) against peak requests/s",
                "peak RSS of the server's processes (MB)",
                "requests/s",
            ),
        ),
        "## Cold start {#cold-start}",
        charts.chart(
            "chart-cold",
            charts.bars(
                lead,
                {"cold_start": "process start to first 200", "import": "of which loading the snippet (imports)"},
                "Cold start and import time (ms, medians)",
                "milliseconds",
            ),
        ),
    ]
    lines += _extra_sections(t, base)
    return markdown(lines)


def _extra_sections(t: dict[str, Table], base: str) -> list[str]:
    """Open loop, WebSocket echo, task queues and run-to-run spread, each only when measured."""
    lines: list[str] = []
    loop = t["benchmarks-open-loop"]
    if loop.rows:
        cols = {f"p99-{100 * f:.0f}%": f"p99 at {100 * f:.0f}% of peak" for f in loop.meta["fractions"]}
        log_y = {"yaxis": {"type": "log", "title": {"text": "ms (log)"}}}
        lines += [
            "## Latency at fixed request rates {#open-loop}",
            "<p>Each framework's Return JSON offered at fixed rates below its own peak, whether or not earlier "
            "answers have come back (open loop). Latency runs from when each request was due, so a server that "
            "stalls is charged for every request it held up; <em>behind</em> marks a rate the load generator could "
            "not keep up on its connections.</p>",
            matrix_block(loop, base),
            charts.chart("chart-open-loop", charts.bars(loop, cols, "p99 latency at fixed rates (ms)", "ms (log)", **log_y)),
        ]
    ws = t["benchmarks-websocket"]
    if ws.rows:
        lines += [
            "## WebSocket echo {#websocket-echo}",
            "<p>Messages per second through each websocket-echo snippet, one message in flight per connection. "
            "The client is Python (no native WebSocket load generator is packaged here); its CPU use is shown, "
            "and <em>client-bound</em> marks a figure where the client, not the server, was the limit.</p>",
            matrix_block(ws, base),
            charts.chart("chart-websocket", charts.bars(ws, {"mps": "messages/s"}, "WebSocket echo: messages/s", "messages/s")),
        ]
    queues = t["benchmarks-queues"]
    if queues.rows:
        lines += [
            "## Task queues {#task-queues}",
            "<p>Jobs per second end to end: <code>POST /jobs</code> for a few seconds, through a real broker, until the "
            "last accepted job reports done. The web process and the worker share the server CPU; the broker and "
            "Redis run unpinned. End to end cannot beat the enqueue rate, so where the two are close the web "
            "process, not the queue, was the limit.</p>",
            matrix_block(queues, base),
            charts.chart(
                "chart-queues",
                charts.bars(
                    queues, {"jobs_per_s": "jobs/s end to end", "enqueue": "enqueued/s"}, "Task queues: jobs/s", "jobs/s"
                ),
            ),
        ]
    spread = t["benchmarks-spread"]
    if spread.rows:
        cvs = [c.value for r in spread.rows for c in r.cells.values() if c.value is not None]
        lines += [
            "## Run-to-run spread {#run-to-run-spread}",
            f"<p>{len(spread.rows)} frameworks measured again, whole runs apart, on the same machine. The "
            f"coefficient of variation of their peak median requests/s across runs has a median of "
            f"<strong>{100 * statistics.median(cvs):.1f}%</strong> (largest {100 * max(cvs):.1f}%): differences "
            "smaller than that between two frameworks are not evidence that one is faster.</p>",
            matrix_block(spread, base),
        ]
    return lines


def framework_figures(catalog: Catalog, entry_id: str, base: str) -> str:
    """The framework page's benchmark section: its row of every scenario table."""
    run = catalog.latest_run
    if run is None:
        return ""
    rows = []
    for table in scenario_tables(catalog):
        row = next((r for r in table.rows if r.id == entry_id), None)
        if row is None:
            continue
        title = e(table.title.removeprefix("Benchmarks: "))
        rps = row.cells["rps"]
        if rps.value is None:
            rows.append(f"<tr><th scope='row'>{title}</th><td colspan='4'>{e(rps.text)}</td></tr>")
            continue
        flag = f" <span class='atlas-stale' title='{e(rps.flag_title or '')}'>{e(rps.flag)}</span>" if rps.flag else ""
        rows.append(
            f"<tr><th scope='row'>{title}</th><td>{e(rps.text)}{flag} at {e(row.cells['concurrency'].text)} connections</td>"
            f"<td>{e(row.cells['ceiling'].text)}</td><td>{e(row.cells['p99'].text)}</td>"
            f"<td>{'yes' if rps.flag else 'none'}</td></tr>"
        )
    if not rows:
        return ""
    fw = run.frameworks.get(entry_id)
    about = (
        f"under {e(fw.server)} with {fw.workers} worker: cold start {fw.cold_start_ms.median:.0f} ms, "
        f"environment {fw.env_size_mb:.0f} MB in {fw.distributions} distributions"
        if fw
        else "not measured yet: the run predates this entry"
    )
    return markdown(
        [
            "## Benchmarks",
            f'<p>From run <a href="{base}benchmarks/">{e(run.id)}</a>, {about}.</p>',
            '<div class="atlas-facts"><table><thead><tr><th scope="col">Scenario</th><th scope="col">Peak requests/s</th>'
            '<th scope="col">Of nginx ceiling</th><th scope="col">p99 ms at 64</th><th scope="col">Errors</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>",
        ]
    )
