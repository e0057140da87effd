"""The benchmarks section: figures from the committed run, Plotly only where charts are, raw data."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from atlas.core.benchmarks import run_to_data
from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.site.bench_render import PLOTLY
from atlas.site.bench_tables import bench_tables
from tests.htmlscan import Page, table_notes

CATALOG = load_catalog(DATA_DIR)


def _table(site: Path, table_id: str) -> Page:
    """One table of the benchmarks page, parsed on its own."""
    html = (site / "benchmarks/index.html").read_text(encoding="utf-8")
    start = html.index(f'data-table="{table_id}"')
    return Page(html[html.rindex("<table", 0, start) : html.index("</table>", start)])


def _row_text(page: Page, data_id: str) -> str:
    return " ".join(page.row(data_id)["cells"])


def test_benchmarks_page_has_a_row_per_measured_framework_and_setup(site: Path):
    run = CATALOG.latest_run
    rows = {r["attrs"]["data-id"] for r in _table(site, "benchmarks-hello-json").rows if "data-id" in r["attrs"]}
    measured = {
        f"{f}@{k}" for f, fw in run.frameworks.items() for k, s in fw.setups.items() if s.scenarios["hello-json"].measured
    }
    assert measured <= rows
    # Every other row is an entry the run predates (or did not measure), and says so.
    table = _table(site, "benchmarks-hello-json")
    for fid in rows - measured:
        assert "not measured" in _row_text(table, fid), fid


def test_import_time_is_shown_or_its_reason(site: Path):
    run = CATALOG.latest_run
    table = _table(site, "benchmarks-hello-json")
    notes = table_notes((site / "benchmarks/index.html").read_text(encoding="utf-8"), "benchmarks-hello-json")
    columns = [c.id for t in bench_tables(CATALOG) if t.id == "benchmarks-hello-json" for c in t.columns]
    for fid, fw in run.frameworks.items():
        cell = table.row(f"{fid}@{fw.lead.kind}")["cells"][1 + columns.index("import")]
        if fw.import_ms is not None:
            assert cell == f"{fw.import_ms:.0f}", fid
        else:  # the reason is a note beneath the table, its number a marker in the cell
            assert cell.startswith("n/a") and notes[cell.removeprefix("n/a")] == fw.import_note, (fid, cell)


def test_open_loop_table_shows_each_framework_at_each_rate(site: Path):
    run = CATALOG.latest_run
    table = _table(site, "benchmarks-open-loop")
    with_open_loop = {
        f: fw.lead.scenarios["hello-json"].open_loop
        for f, fw in run.frameworks.items()
        if fw.lead.scenarios["hello-json"].open_loop
    }
    assert with_open_loop, "the committed run has no open-loop measurements"
    assert {r["attrs"]["data-id"] for r in table.rows if "data-id" in r["attrs"]} == set(with_open_loop)
    for fid, runs in with_open_loop.items():
        text = _row_text(table, fid)
        for r in runs:
            assert f"{r.target_rps:,.0f}" in text, (fid, r.fraction_of_peak)
            if not r.kept_schedule:
                assert "behind" in text, fid


def test_websocket_and_queue_tables_show_what_was_measured(site: Path):
    run = CATALOG.latest_run
    ws = {f: r for f, r in (run.websocket_echo or {}).items() if r.measured}
    queues = {f"{f}-{b}": r for f, by in (run.queues or {}).items() for b, r in by.items() if r.measured}
    assert ws and queues, "the committed run has no WebSocket or queue measurements"
    ws_table, queue_table = _table(site, "benchmarks-websocket"), _table(site, "benchmarks-queues")
    for fid, r in ws.items():
        assert f"{r.messages_per_s.median:,.0f}" in _row_text(ws_table, fid)
        assert ("client-bound" in _row_text(ws_table, fid)) == r.client_bound
    for rid, r in queues.items():
        text = _row_text(queue_table, rid)
        assert f"{r.jobs_per_s.median:,.0f}" in text and f"{sum(r.completed):,} of {sum(r.jobs):,}" in text


def test_plotly_is_served_by_the_site_and_only_chart_pages_name_the_script_that_loads_it(site: Path):
    assert (site / PLOTLY).stat().st_size > 100_000
    # docs/js/charts.js fetches Plotly from beside its own folder when a chart comes into view.
    assert f'"../{PLOTLY}"' in (site / "js" / "charts.js").read_text(encoding="utf-8")
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        resources = Page(text).resources
        assert any(src.endswith("js/charts.js") for src in resources) == ("atlas-chart" in text), html.relative_to(site)
        assert not any(PLOTLY in src for src in resources), f"{html.relative_to(site)} loads Plotly before any chart is seen"


def test_raw_data_downloads_match_the_committed_run(site: Path):
    run = CATALOG.latest_run
    as_json = json.loads((site / f"benchmarks/{run.id}.json").read_text())
    as_yaml = yaml.safe_load((site / f"benchmarks/{run.id}.yaml").read_text())
    assert as_json == as_yaml == run_to_data(run)


def test_framework_pages_show_their_own_figures(site: Path):
    run = CATALOG.latest_run
    for fid, fw in run.frameworks.items():
        text = " ".join(Page((site / f"frameworks/{fid}/index.html").read_text(encoding="utf-8")).text)
        for setup in fw.setups.values():
            assert f"{setup.scenarios['hello-json'].peak.rps.median:,.0f}" in text, fid


def test_every_chart_is_drawn_from_its_table(site: Path):
    """Each chart's numbers are the cells of a table on the same page (the one table model)."""
    html = (site / "benchmarks/index.html").read_text(encoding="utf-8")
    figures = {}
    for chunk in html.split('<script type="application/json" id="')[1:]:
        chart_id, rest = chunk.split('"', 1)
        if not chart_id.startswith("chart-"):
            continue  # the cores calculator's figures, not a chart
        figures[chart_id.removesuffix("-data")] = json.loads(rest.split(">", 1)[1].split("</script>", 1)[0])
    values = {
        c.value for t in bench_tables(CATALOG) for r in t.rows for c in r.cells.values() if isinstance(c.value, int | float)
    }
    assert len(figures) >= 8, sorted(figures)
    for chart_id, figure in figures.items():
        ys = [y for trace in figure["data"] for y in trace["y"] if y is not None]
        assert ys and set(ys) <= values, chart_id
