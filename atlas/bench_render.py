"""The benchmarks section: tables and Plotly charts from the newest full run in data/benchmarks/.

Charts are declared as JSON next to an empty div and drawn by docs/js/charts.js with the
partial Plotly bundle, which only these pages load. Without JavaScript the tables carry the
same figures.
"""

from __future__ import annotations

import json

from .catalog import Catalog
from .render import e, entry_url

PLOTLY = "assets/javascripts/plotly-basic.min.js"
SCENARIO_TITLES = {
    "hello-json": "Return JSON",
    "path-query-params": "Path and query parameters",
    "validated-body": "Validated JSON body",
    "database-crud": "PostgreSQL read",
    "upstream-call": "Calling another service",
}


def latest_run(catalog: Catalog) -> dict | None:
    """The newest full run, else the newest quick one (catalog.benchmarks is ordered so)."""
    return next(iter(catalog.benchmarks.values()), None)


def _peak(points: list[dict]) -> dict:
    return max(points, key=lambda p: p["rps"]["median"])


def _at(points: list[dict], concurrency: int) -> dict | None:
    return next((p for p in points if p["concurrency"] == concurrency), None)


def _failed(point: dict) -> bool:
    """Errors, non-2xx answers, or no answers at all (a stalled server reports no errors)."""
    return point["has_errors"] or point["rps"]["median"] == 0


def _measured(run: dict, scenario: str) -> dict[str, list[dict]]:
    out = {}
    for fid, fw in run["frameworks"].items():
        sc = fw["scenarios"].get(scenario)
        if sc and sc.get("measured"):
            out[fid] = sc["points"]
    return out


def _chart(chart_id: str, figure: dict) -> str:
    data = json.dumps(figure, separators=(",", ":")).replace("</", "<\\/")
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
        return "<p>No benchmark run has been recorded yet: <code>make bench</code> writes one.</p>"
    ceiling = _peak(run["ceiling"]["points"])["rps"]["median"]
    hello = _measured(run, "hello-json")
    order = sorted(hello, key=lambda f: -_peak(hello[f])["rps"]["median"])
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
    rows = []
    for fid in order:
        fw = run["frameworks"][fid]
        peak = _peak(hello[fid])
        at64 = _at(hello[fid], 64) or peak
        flag = (
            ' <span class="atlas-stale" title="errors or non-2xx answers during the run">errors</span>'
            if any(pt["has_errors"] for pt in hello[fid])
            else ""
        )
        rows.append(
            f'<tr data-id="{e(fid)}"><th scope="row"><a href="{entry_url(fid, base)}">{e(catalog[fid].name)}</a></th>'
            f"<td>{e(catalog[fw['server']].name if fw['server'] in catalog.entries else fw['server'])}</td>"
            f'<td data-sort="{peak["rps"]["median"]}">{peak["rps"]["median"]:,.0f}{flag}</td>'
            f"<td>{peak['concurrency']}</td>"
            f'<td data-sort="{peak["rps"]["cv"]}">{100 * peak["rps"]["cv"]:.1f}%</td>'
            f'<td data-sort="{peak["rps"]["median"] / ceiling}">{100 * peak["rps"]["median"] / ceiling:.2f}%</td>'
            f"<td>{at64['latency_ms']['p50']:.2f}</td><td>{at64['latency_ms']['p99']:.2f}</td>"
            f"<td>{at64.get('peak_rss_mb', 0):.0f}</td>"
            f"<td>{fw['cold_start_ms']['median']:.0f}</td>"
            f"<td>{fw['env_size_mb']:.0f}</td><td>{fw['distributions']}</td></tr>"
        )
    head = [
        "Framework",
        "Server",
        "Requests/s (median)",
        "at connections",
        "Run-to-run CV",
        "Of nginx ceiling",
        "p50 ms at 64",
        "p99 ms at 64",
        "Peak RSS MB",
        "Cold start ms",
        "Import ms",
        "Env MB",
        "Distributions",
    ]
    lines += [
        '<div class="atlas-matrix"><table class="atlas-sortable"><thead><tr>'
        + "".join(f'<th scope="col">{e(h)}</th>' for h in head)
        + f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>",
        "",
        f'<script src="{base}{PLOTLY}"></script>',
        f'<script src="{base}js/charts.js"></script>',
        f'<script src="{base}js/sort.js"></script>',
        "",
        "## Throughput by scenario",
        "",
    ]
    traces = []
    for scenario, title in SCENARIO_TITLES.items():
        measured = _measured(run, scenario)
        ids = [f for f in order if f in measured]
        traces.append(
            {
                "type": "bar",
                "name": title,
                "x": _names(catalog, ids),
                "y": [
                    _at(measured[f], 64)["rps"]["median"] if _at(measured[f], 64) else _peak(measured[f])["rps"]["median"]
                    for f in ids
                ],
            }
        )
    lines += [
        _chart(
            "chart-scenarios",
            {"data": traces, "layout": _layout("Requests/s at 64 connections, per scenario", "", "requests/s", barmode="group")},
        ),
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
                "y": [(_at(hello[f], 64) or _peak(hello[f]))["latency_ms"][key] for f in order],
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
            "x": [(_at(hello[f], 64) or _peak(hello[f])).get("peak_rss_mb", 0) for f in order],
            "y": [_peak(hello[f])["rps"]["median"] for f in order],
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
            "name": "cold start",
            "x": _names(catalog, cold_order),
            "y": [run["frameworks"][f]["cold_start_ms"]["median"] for f in cold_order],
        }
    ]
    lines += [
        _chart(
            "chart-cold",
            {
                "data": cold,
                "layout": _layout("Process start to first 200 (ms, median of 3)", "", "milliseconds", showlegend=False),
            },
        ),
        "",
    ]
    return "\n".join(lines)


def framework_figures(catalog: Catalog, entry_id: str, base: str) -> str:
    run = latest_run(catalog)
    if run is None or entry_id not in run["frameworks"]:
        return ""
    fw = run["frameworks"][entry_id]
    ceiling = _peak(run["ceiling"]["points"])["rps"]["median"]
    rows = []
    for scenario, title in SCENARIO_TITLES.items():
        sc = fw["scenarios"].get(scenario)
        if not sc:
            continue
        if not sc["measured"]:
            rows.append(f"<tr><th scope='row'>{e(title)}</th><td colspan='4'>not measured: {e(sc['reason'])}</td></tr>")
            continue
        peak = _peak(sc["points"])
        rows.append(
            f"<tr><th scope='row'>{e(title)}</th><td>{peak['rps']['median']:,.0f} at {peak['concurrency']} connections</td>"
            f"<td>{100 * peak['rps']['median'] / ceiling:.2f}%</td><td>{peak['latency_ms']['p99']:.2f}</td>"
            f"<td>{'yes' if any(_failed(p) for p in sc['points']) else 'none'}</td></tr>"
        )
    return "\n".join(
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
