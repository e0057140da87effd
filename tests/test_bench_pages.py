"""The benchmarks section: figures from the committed run, Plotly only where charts are, raw data."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from atlas.bench_render import PLOTLY, latest_run
from atlas.catalog import DATA_DIR, load_catalog
from tests.htmlscan import Page

CATALOG = load_catalog(DATA_DIR)


def test_benchmarks_page_has_a_row_per_measured_framework(site: Path):
    run = latest_run(CATALOG)
    page = Page((site / "benchmarks/index.html").read_text(encoding="utf-8"))
    rows = {r["attrs"]["data-id"] for r in page.rows if "data-id" in r["attrs"]}
    measured = {f for f, fw in run["frameworks"].items() if fw["scenarios"]["hello-json"]["measured"]}
    assert rows == measured


def test_plotly_is_served_by_the_site_and_loaded_only_on_chart_pages(site: Path):
    assert (site / PLOTLY).stat().st_size > 100_000
    for html in site.rglob("*.html"):
        has_chart = "atlas-chart" in html.read_text(encoding="utf-8")
        loads = any(PLOTLY in src for src in Page(html.read_text(encoding="utf-8")).resources)
        assert loads == has_chart, html.relative_to(site)


def test_raw_data_downloads_match_the_committed_run(site: Path):
    run = latest_run(CATALOG)
    as_json = json.loads((site / f"benchmarks/{run['id']}.json").read_text())
    as_yaml = yaml.safe_load((site / f"benchmarks/{run['id']}.yaml").read_text())
    assert as_json == as_yaml == run


def test_framework_pages_show_their_own_figures(site: Path):
    run = latest_run(CATALOG)
    for fid, fw in run["frameworks"].items():
        text = " ".join(Page((site / f"frameworks/{fid}/index.html").read_text(encoding="utf-8")).text)
        peak = max(fw["scenarios"]["hello-json"]["points"], key=lambda p: p["rps"]["median"])
        assert f"{peak['rps']['median']:,.0f}" in text, fid
