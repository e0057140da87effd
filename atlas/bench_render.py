"""The benchmarks section: tables and Plotly charts from the newest full run in data/benchmarks/.

Charts are declared as JSON next to an empty div and drawn by docs/js/charts.js with the
partial Plotly bundle, which only these pages load. Without JavaScript the tables carry the
same figures.
"""

from __future__ import annotations

import statistics

from .bench_tables import extra_tables
from .catalog import Catalog
from .inert import block, json_script, markdown
from .inert import html as e
from .render import matrix_block, share_links
from .tables import BENCH_ON_PAGE, SCENARIO_TITLES, bench_table, failed, latest_run, measured, peak, point_at

PLOTLY = "assets/javascripts/plotly-basic.min.js"


def _chart(chart_id: str, figure: dict) -> str:
    data = json_script(figure)
    return (
        f'<div class="atlas-chart" id="{chart_id}" role="img" aria-label="{e(figure["layout"]["title"]["text"])}"></div>\n'
        f'<script type="application/json" id="{chart_id}-data">{data}</script>'
    )


def _layout(title: str, x: str, y: str, **extra) -> dict:
    return {
        "title": {"text": title},
        "xaxis": {"title": {"text": x}},
        "yaxis": {"title": {"text": y}},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 110},
        "height": 420,
        **extra,
    }


def _names(catalog: Catalog, ids) -> list[str]:
    return [catalog[i].name for i in ids]


def benchmarks_page(catalog: Catalog, base: str) -> str:
    run = latest_run(catalog)
    if run is None:
        return block("<p>No benchmark run has been recorded yet: <code>make bench</code> writes one.</p>")
    ceiling = peak(run["ceiling"]["points"])["rps"]["median"]
    hello = measured(run, "hello-json")
    order = sorted(hello, key=lambda f: -peak(hello[f])["rps"]["median"])
    p = run["provenance"]
    lines = [
        f'<p class="atlas-run">Run <strong>{e(run["id"])}</strong> ({e(run["kind"])}), {e(p["date"])}: '
        f"{e(p['cpu_model'])}, {p['cores']} cores, Linux {e(p['kernel'])}, CPython {e(p['python'])}; "
        f"wrk {e(p['load_generator']['version'])} on CPU {e(p['load_cpus'])}, servers on CPU {e(p['server_cpus'])}, "
        f"one worker each; harness commit <code>{e(p['harness_commit'][:12])}</code>. "
        f"Ceiling: nginx {e(p['ceiling_server']['version'])} serving the same JSON, "
        f"<strong>{ceiling:,.0f} requests/s</strong>. "
        f'<a href="{base}benchmarks/method/">How this is measured</a> · '
        f'raw data: <a href="{base}benchmarks/{e(run["id"])}.yaml">YAML</a>, '
        f'<a href="{base}benchmarks/{e(run["id"])}.json">JSON</a>.</p>',
        "",
        "## Return JSON: peak throughput",
        "",
    ]
    scenario = BENCH_ON_PAGE.removeprefix("benchmarks-")
    lines += [
        matrix_block(bench_table(catalog, run, scenario), base),
        "",
        f'<script src="{base}{PLOTLY}"></script>',
        f'<script src="{base}js/charts.js"></script>',
        "",
        "## Throughput by scenario",
        "",
    ]
    traces = []
    for scenario, title in SCENARIO_TITLES.items():
        found = measured(run, scenario)
        ids = [f for f in order if f in found]
        traces.append(
            {
                "type": "bar",
                "name": title,
                "x": _names(catalog, ids),
                "y": [(point_at(found[f], 64) or peak(found[f]))["rps"]["median"] for f in ids],
            }
        )
    lines += [
        _chart(
            "chart-scenarios",
            {"data": traces, "layout": _layout("Requests/s at 64 connections, per scenario", "", "requests/s", barmode="group")},
        ),
        "",
        "<p>Each scenario's figures as a table, like the one above:</p>",
        "<ul>"
        + "".join(
            share_links(f"benchmarks-{s}", base, f"{e(SCENARIO_TITLES.get(s, s))}:", "li")
            for s in run["parameters"]["scenarios"]
            if measured(run, s)
        )
        + "</ul>",
        "",
    ]
    lines += ["## Concurrency sweep (Return JSON)", ""]
    sweep = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": catalog[f].name,
            "x": [pt["concurrency"] for pt in hello[f]],
            "y": [pt["rps"]["median"] for pt in hello[f]],
        }
        for f in order
    ]
    lines += [
        _chart(
            "chart-sweep",
            {
                "data": sweep,
                "layout": _layout(
                    "Requests/s by number of connections",
                    "connections",
                    "requests/s",
                    xaxis={"type": "log", "title": {"text": "connections"}},
                ),
            },
        ),
        "",
    ]
    lines += ["## Latency percentiles at 64 connections (Return JSON)", ""]
    pct = []
    for key, label in (("p50", "p50"), ("p90", "p90"), ("p99", "p99"), ("p999", "p99.9")):
        pct.append(
            {
                "type": "bar",
                "name": label,
                "x": _names(catalog, order),
                "y": [(point_at(hello[f], 64) or peak(hello[f]))["latency_ms"][key] for f in order],
            }
        )
    lines += [
        _chart(
            "chart-latency",
            {
                "data": pct,
                "layout": _layout(
                    "Latency percentiles (ms)",
                    "",
                    "milliseconds",
                    barmode="group",
                    yaxis={"type": "log", "title": {"text": "ms (log)"}},
                ),
            },
        ),
        "",
    ]
    lines += ["## Memory against throughput", ""]
    mem = [
        {
            "type": "scatter",
            "mode": "markers+text",
            "textposition": "top center",
            "name": "frameworks",
            "text": _names(catalog, order),
            "x": [(point_at(hello[f], 64) or peak(hello[f])).get("peak_rss_mb", 0) for f in order],
            "y": [peak(hello[f])["rps"]["median"] for f in order],
        }
    ]
    lines += [
        _chart(
            "chart-memory",
            {
                "data": mem,
                "layout": _layout(
                    "Peak RSS (MB) against peak requests/s",
                    "peak RSS of the server's processes (MB)",
                    "requests/s",
                    showlegend=False,
                ),
            },
        ),
        "",
    ]
    lines += ["## Cold start", ""]
    cold_order = sorted(run["frameworks"], key=lambda f: run["frameworks"][f]["cold_start_ms"]["median"])
    cold = [
        {
            "type": "bar",
            "name": "process start to first 200",
            "x": _names(catalog, cold_order),
            "y": [run["frameworks"][f]["cold_start_ms"]["median"] for f in cold_order],
        },
        {
            "type": "bar",
            "name": "of which loading the snippet (imports)",
            "x": _names(catalog, cold_order),
            "y": [run["frameworks"][f]["import_ms"] for f in cold_order],
        },
    ]
    lines += [
        _chart(
            "chart-cold",
            {
                "data": cold,
                "layout": _layout("Cold start and import time (ms, medians)", "", "milliseconds", barmode="overlay"),
            },
        ),
        "",
    ]
    lines += _extra_sections(catalog, run, base)
    return markdown(lines)


def _extra_sections(catalog: Catalog, run: dict, base: str) -> list[str]:
    """Open loop, WebSocket echo, task queues and run-to-run spread, each only when measured."""
    tables = {t.id: t for t in extra_tables(catalog, run)}
    lines: list[str] = []
    loop = tables["benchmarks-open-loop"]
    if loop.rows:
        fractions = run["parameters"]["open_loop"]["fractions"]
        traces = [
            {
                "type": "bar",
                "name": f"p99 at {100 * f:.0f}% of peak",
                "x": [r.name for r in loop.rows],
                "y": [(cell := r.cells.get(f"p99-{100 * f:.0f}%")) and cell.value for r in loop.rows],
            }
            for f in fractions
        ]
        lines += [
            "## Latency at fixed request rates {#open-loop}",
            "",
            "<p>Each framework's Return JSON offered at fixed rates below its own peak, whether or not earlier "
            "answers have come back (open loop). Latency runs from when each request was due, so a server that "
            "stalls is charged for every request it held up; <em>behind</em> marks a rate the load generator could "
            "not keep up on its connections.</p>",
            "",
            matrix_block(loop, base),
            "",
            _chart(
                "chart-open-loop",
                {
                    "data": traces,
                    "layout": _layout(
                        "p99 latency at fixed rates (ms)",
                        "",
                        "ms (log)",
                        barmode="group",
                        yaxis={"type": "log", "title": {"text": "ms (log)"}},
                    ),
                },
            ),
            "",
        ]
    ws = tables["benchmarks-websocket"]
    if ws.rows:
        lines += [
            "## WebSocket echo {#websocket-echo}",
            "",
            "<p>Messages per second through each websocket-echo snippet, one message in flight per connection. "
            "The client is Python (no native WebSocket load generator is packaged here); its CPU use is shown, "
            "and <em>client-bound</em> marks a figure where the client, not the server, was the limit.</p>",
            "",
            matrix_block(ws, base),
            "",
            _chart(
                "chart-websocket",
                {
                    "data": [
                        {
                            "type": "bar",
                            "name": "messages/s",
                            "x": [r.name for r in ws.rows],
                            "y": [r.cells["mps"].value for r in ws.rows],
                        }
                    ],
                    "layout": _layout("WebSocket echo: messages/s", "", "messages/s", showlegend=False),
                },
            ),
            "",
        ]
    queues = tables["benchmarks-queues"]
    if queues.rows:
        lines += [
            "## Task queues {#task-queues}",
            "",
            "<p>Jobs per second end to end: <code>POST /jobs</code> for a few seconds, through a real broker, until the "
            "last accepted job reports done. The web process and the worker share the server CPU; the broker and "
            "Redis run unpinned. End to end cannot beat the enqueue rate, so where the two are close the web "
            "process, not the queue, was the limit.</p>",
            "",
            matrix_block(queues, base),
            "",
            _chart(
                "chart-queues",
                {
                    "data": [
                        {
                            "type": "bar",
                            "name": "jobs/s end to end",
                            "x": [r.name for r in queues.rows],
                            "y": [r.cells["jobs_per_s"].value for r in queues.rows],
                        },
                        {
                            "type": "bar",
                            "name": "enqueued/s",
                            "x": [r.name for r in queues.rows],
                            "y": [r.cells["enqueue"].value for r in queues.rows],
                        },
                    ],
                    "layout": _layout("Task queues: jobs/s", "", "jobs/s", barmode="group"),
                },
            ),
            "",
        ]
    spread_table = tables["benchmarks-spread"]
    if spread_table.rows:
        cvs = [c.value for r in spread_table.rows for c in r.cells.values() if c.value is not None]
        lines += [
            "## Run-to-run spread {#run-to-run-spread}",
            "",
            f"<p>{len(spread_table.rows)} frameworks measured again, whole runs apart, on the same machine. The "
            f"coefficient of variation of their peak median requests/s across runs has a median of "
            f"<strong>{100 * statistics.median(cvs):.1f}%</strong> (largest {100 * max(cvs):.1f}%): differences "
            "smaller than that between two frameworks are not evidence that one is faster.</p>",
            "",
            matrix_block(spread_table, base),
            "",
        ]
    return lines


def framework_figures(catalog: Catalog, entry_id: str, base: str) -> str:
    run = latest_run(catalog)
    if run is None or entry_id not in run["frameworks"]:
        return ""
    fw = run["frameworks"][entry_id]
    ceiling = peak(run["ceiling"]["points"])["rps"]["median"]
    rows = []
    for scenario, title in SCENARIO_TITLES.items():
        sc = fw["scenarios"].get(scenario)
        if not sc:
            continue
        if not sc["measured"]:
            rows.append(f"<tr><th scope='row'>{e(title)}</th><td colspan='4'>not measured: {e(sc['reason'])}</td></tr>")
            continue
        top = peak(sc["points"])
        rows.append(
            f"<tr><th scope='row'>{e(title)}</th><td>{top['rps']['median']:,.0f} at {top['concurrency']} connections</td>"
            f"<td>{100 * top['rps']['median'] / ceiling:.2f}%</td><td>{top['latency_ms']['p99']:.2f}</td>"
            f"<td>{'yes' if any(failed(p) for p in sc['points']) else 'none'}</td></tr>"
        )
    return markdown(
        [
            "## Benchmarks",
            "",
            f'<p>From run <a href="{base}benchmarks/">{e(run["id"])}</a>, under {e(fw["server"])} with '
            f"{fw['workers']} worker: cold start {fw['cold_start_ms']['median']:.0f} ms, "
            f"environment {fw['env_size_mb']:.0f} MB in {fw['distributions']} distributions.</p>",
            "",
            '<div class="atlas-facts"><table><thead><tr><th scope="col">Scenario</th><th scope="col">Peak requests/s</th>'
            '<th scope="col">Of nginx ceiling</th><th scope="col">p99 ms at peak</th><th scope="col">Errors</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>",
        ]
    )
