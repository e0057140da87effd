"""The benchmarks page and each framework's figures, from the benchmark tables of
atlas.site.bench_tables: every table and every chart on the page is drawn from the same Table
objects the embeds and downloads use. Without JavaScript the tables carry the same figures.
"""

from __future__ import annotations

import statistics

from atlas.core.catalog import Catalog
from atlas.site import charts
from atlas.site.bench_tables import LEAD, bench_tables, scenario_tables
from atlas.site.inert import block, heading, json_script, markdown
from atlas.site.inert import html as e
from atlas.site.render import matrix_block, share_links
from atlas.site.search import UNINDEXED
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
        "<p>One row per framework and setup: <em>as deployed</em> is the production setup the framework's own docs "
        "recommend (linked), <em>common server</em> serves every framework on the same Granian configuration, so the "
        "framework is what differs, and <em>gunicorn sync</em> is the WSGI deployment many run. Server, parser, event "
        "loop and keep-alive are what was observed in the running processes. Ranks are bands: figures whose 95 % "
        'intervals overlap, or whose medians are within 5 %, share a rank (<a href="method/#noise">the noise rule</a>). '
        "A figure flagged <em>errors</em> had failed requests, non-2xx answers or none at all, and is never ranked.</p>",
        matrix_block(lead, base),
        # charts.js loads Plotly itself when a chart comes into view (PLOTLY, beside js/): no blocking tag here.
        f'<script src="{base}js/charts.js" defer></script>',
        charts.chart(
            "chart-peak", charts.bars(lead, {"rps": "requests/s"}, "Peak requests/s (median over repeats)", "requests/s")
        ),
    ]
    for kind, words in (("common", "on the common server"), ("as-deployed", "as deployed")):
        ranking = t.get(f"benchmarks-ranking-{kind}")
        if ranking is not None and ranking.rows:
            lines += [heading(2, f"Ranked {words}", f"ranking-{kind}"), matrix_block(ranking, base)]
    effect = t["benchmarks-server-effect"]
    if effect.rows:
        cols = {c.id: c.title for c in effect.columns if c.id != "effect"}
        lines += [
            heading(2, "The server effect", "server-effect"),
            "<p>The same framework and the same snippet under each setup: how much of a benchmark figure is the "
            "server, its worker class, parser and event loop rather than the framework.</p>",
            charts.chart("chart-server-effect", charts.bars(effect, cols, "Peak requests/s by setup", "requests/s")),
            matrix_block(effect, base),
        ]
    lines.append("## Throughput by scenario {#throughput-by-scenario}")
    by_scenario = t["benchmarks-scenarios"]
    if by_scenario.rows:
        cols = {c.id: c.title for c in by_scenario.columns}
        lines += [
            charts.chart(
                "chart-scenarios", charts.bars(by_scenario, cols, "Requests/s at 64 connections, per scenario", "requests/s")
            ),
            matrix_block(by_scenario, base),
            "<p>Each scenario's full table and its sweep over connections:</p>"
            + "<ul>"
            + "".join(
                share_links(x.id, base, f"{e(x.title.removeprefix('Benchmarks: '))}:", "li")
                for x in t.values()
                if x.meta.get("scenario")
                and x.id.startswith(("benchmarks-sweep-", f"benchmarks-{x.meta['scenario']}"))
                and x.rows
                and x.id != f"benchmarks-{LEAD}"
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
    lines += _cost_section(t, base)
    lines += _extra_sections(t, base)
    return markdown(lines)


def _cost_section(t: dict[str, Table], base: str) -> list[str]:
    """µs/request per setup and the cores calculator that multiplies it (docs/js/cores.js)."""
    cost = t["benchmarks-cost"]
    if not cost.rows:
        return []
    data = {
        r.id: {
            "name": r.name,
            "us": r.cells["us_per_request"].value,
            "failed": bool(r.cells["us_per_request"].flag),
            "open_loop": cost.meta["open_loop"].get(r.id, []),
        }
        for r in cost.rows
    }
    return [
        heading(2, "Cores needed", "cores"),
        (
            "<p>Server CPU time per completed request, measured with one worker pinned to one core, gives what one fully "
            "busy core serves. For a target load and a p99 budget the calculator divides the load by that, and by the "
            "highest share of a core at which the setup kept its p99 under the budget in the open-loop runs (25, 50 or "
            "75 % of its peak; where none did, it says so). An <strong>estimate</strong>: it assumes throughput grows "
            "linearly with workers, which this 2-core machine cannot verify: only one worker can be measured honestly "
            "here (the other core runs the load generator).</p>"
            '<form class="atlas-cores" id="cores-form"><label>Target requests/s <input type="number" id="cores-rps" '
            'value="5000" min="1" step="100"></label> <label>p99 budget (ms) <input type="number" id="cores-p99" '
            'value="50" min="1" step="1"></label></form>'
            '<div id="cores-result" aria-live="polite"></div>'
            + f'<script type="application/json" id="cores-data">{json_script(data)}</script>'
            + f'<script defer src="{base}js/cores.js"></script>'
        ),
        matrix_block(cost, base),
    ]


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
    capacity = t["benchmarks-capacity"]
    lines += [
        "## Idle WebSocket connections {#connection-capacity}",
        "<p>How many idle WebSocket connections each websocket-echo snippet holds open on one core (the harness "
        "raises its file-descriptor limit and tries 1,000, 2,500 and 5,000), the server memory each one costs, and "
        "the echo latency on one more connection while they are held.</p>",
        matrix_block(capacity, base)
        if capacity.rows
        else "<p>The newest run did not measure idle connections: runs measure them since December 2026.</p>",
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
    shards = t["benchmarks-shards"]
    if shards.rows:
        lines += [
            "## Shards and calibration {#shards}",
            "<p>The run was measured in parts, each with its own machine fingerprint, reference setup (measured "
            "between frameworks to detect drift) and nginx ceiling; a part measured on another kind of machine is "
            "put on the first part's scale by the ratio of their reference figures.</p>",
            matrix_block(shards, base),
        ]
    spread = t["benchmarks-spread"]
    if spread.rows:
        cvs = [c.value for r in spread.rows for c in r.cells.values() if c.value is not None]
        lines += [
            "## Run-to-run spread {#run-to-run-spread}",
            f"<p>{e(spread.description)} The coefficient of variation has a median of "
            f"<strong>{100 * statistics.median(cvs):.1f}%</strong> (largest {100 * max(cvs):.1f}%): differences "
            "smaller than that between two frameworks are not evidence that one is faster, which is why ranks are bands.</p>",
            matrix_block(spread, base),
        ]
    return lines


def framework_figures(catalog: Catalog, entry_id: str, base: str) -> str:
    """The framework page's benchmark section: its rows (one per setup) of every scenario table."""
    run = catalog.latest_run
    if run is None:
        return ""
    rows = []
    for table in scenario_tables(catalog):
        title = f'<a href="{base}{e(table.page)}">{e(table.title.removeprefix("Benchmarks: "))}</a>'
        for row in (r for r in table.rows if (r.entry or r.id) == entry_id):
            rps = row.cells["rps"]
            setup = e(row.cells["setup"].text)
            if rps.value is None:
                rows.append(f"<tr><th scope='row'>{title}</th><td>{setup}</td><td colspan='5'>{e(rps.text)}</td></tr>")
                continue
            flag = f" <span class='atlas-stale' title='{e(rps.flag_title or '')}'>{e(rps.flag)}</span>" if rps.flag else ""
            rows.append(
                f"<tr><th scope='row'>{title}</th><td>{setup}</td><td>{e(row.cells['server'].text)}</td>"
                f"<td>{e(rps.text)}{flag} ({e(row.cells['interval'].text)}) at {e(row.cells['concurrency'].text)}</td>"
                f"<td>{e(row.cells['band'].text)}</td><td>{e(row.cells['us_per_request'].text)}</td>"
                f"<td>{e(row.cells['p99'].text)}</td></tr>"
            )
    if not rows:
        return ""
    fw = run.frameworks.get(entry_id)
    about = (
        f"one worker on one core: cold start {fw.cold_start_ms.median:.0f} ms, "
        f"environment {fw.env_size_mb:.0f} MB in {fw.distributions} distributions"
        if fw
        else "not measured yet: the run predates this entry"
    )
    return markdown(
        [
            "## Benchmarks",
            f'<p {UNINDEXED}>From run <a href="{base}benchmarks/">{e(run.id)}</a>, {about}. '
            "Rank bands are per scenario across every framework and setup; figures inside the noise share a band.</p>",
            f'<div class="atlas-facts" {UNINDEXED}><table><thead><tr><th scope="col">Scenario</th><th scope="col">Setup</th>'
            '<th scope="col">Server</th><th scope="col">Peak req/s (interval) at connections</th>'
            '<th scope="col">Rank band</th><th scope="col">CPU µs/request</th><th scope="col">p99 ms at 64</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>",
        ]
    )


def full_run_time(catalog: Catalog) -> str:
    """The methodology page's statement of how long the newest run took, from its shards' wall times."""
    run = catalog.latest_run
    if run is None:
        return block("<span>No benchmark run has been recorded yet.</span>")
    if not run.shards:
        return block(
            f"<span>Run {e(run.id)} predates shards and did not record its wall time (about 45 minutes, with one "
            "setup per framework and back-to-back repeats, by its operator's account).</span>"
        )
    parts = ", ".join(f"shard {s.index}: {s.wall_seconds / 60:.0f} min" for s in run.shards)
    total = sum(s.wall_seconds for s in run.shards) / 60
    missing = (
        f" Shards missing from this run: {', '.join(map(str, run.provenance.missing_shards))}."
        if run.provenance.missing_shards
        else ""
    )
    return block(f"<span>Run {e(run.id)}: {total:.0f} minutes of measurement in all ({e(parts)}).{e(missing)}</span>")
