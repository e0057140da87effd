"""Stale and unknown values look different from a sourced "No", on the page and in the matrix."""

from __future__ import annotations

from pathlib import Path

from tests.htmlscan import Page


def _fact_row(site: Path, entry: str, fact: str) -> list[str]:
    page = Page((site / f"frameworks/{entry}/index.html").read_text(encoding="utf-8"))
    return next(r for r in page.rows if r["attrs"].get("id") == f"fact-{fact}")["cells"]


def test_a_fact_verified_over_180_days_ago_is_marked_stale(fixture_site: Path):
    cells = _fact_row(fixture_site, "beta", "first_release")
    assert cells[1] == "2015 stale"
    assert cells[4] == "2025-01-01"
    assert _fact_row(fixture_site, "alpha", "first_release")[1] == "2015"


def test_unknown_shows_its_reason_and_is_not_no(fixture_site: Path):
    cells = _fact_row(fixture_site, "beta", "admin")
    assert cells[1] == "? Unknown"
    assert cells[2] == "The fixture project documents no admin either way."
    assert _fact_row(fixture_site, "alpha", "admin")[1] == "✗ No"


def test_every_value_links_to_its_source_with_its_date_in_the_tooltip(fixture_site: Path):
    html = (fixture_site / "compare/index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/docs/page" title="Verified 2026-11-01">' in html
    assert "Unknown: The fixture project documents no admin either way." in html
