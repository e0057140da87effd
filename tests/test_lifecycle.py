"""Lifecycle status: computed from release history and statements, shown first on framework pages,
in the matrices and flagged in the guide."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.core.lifecycle import FLAGGED, lifecycle
from tests.htmlscan import Page

CATALOG = load_catalog(DATA_DIR)
TODAY = dt.date(2026, 12, 3)


def _with(last: str, recent: int, *says: str):
    data = {"last_release": last, "releases_24_months": recent, "source": "https://pypi.org/project/x/", "verified": "2026-12-03"}
    data["statements"] = [{"says": s, "text": "a sourced statement", "source": "https://example.org/s"} for s in says]
    return dataclasses.replace(CATALOG["flask"], lifecycle=data)


@pytest.mark.parametrize(
    ("last", "recent", "says", "state"),
    [
        ("2026-11-01", 12, (), "active"),
        ("2026-11-01", 2, (), "slowing"),  # recent, but few releases
        ("2026-03-01", 12, (), "slowing"),  # over 180 days
        ("2024-01-01", 0, (), "dormant"),  # over 540 days
        ("2024-01-01", 0, ("unmaintained",), "abandoned"),
        ("2026-11-01", 12, ("unmaintained",), "active"),  # a statement alone, while it still releases, is not enough
        ("2026-11-01", 12, ("archived",), "archived"),
    ],
)
def test_the_rules_give_each_state(last, recent, says, state):
    assert lifecycle(_with(last, recent, *says), TODAY).state == state


def test_every_entry_has_a_status_with_its_figures():
    for entry in CATALOG:
        found = lifecycle(entry, TODAY)
        assert f"{entry.lifecycle['releases_24_months']} in the last 24 months" in found.reason, entry.id


def test_the_framework_page_opens_with_the_status(site: Path):
    for entry_id in ("hug", "fastapi", "cherrypy"):
        html = (site / f"frameworks/{entry_id}/index.html").read_text(encoding="utf-8")
        article = html[html.index("<h1") :]
        first = Page(article[article.index("</h1>") :]).text
        label = lifecycle(CATALOG[entry_id]).label
        assert next(t.strip() for t in first if t.strip()) == label, (entry_id, first[:3])


def test_the_guide_flags_entries_it_must_not_rank_silently(site: Path):
    data = json.loads((site / "assets/atlas/guide.json").read_text(encoding="utf-8"))
    flags = {e["id"]: e["lifecycle"]["flag"] for e in data["entries"]}
    for entry_id, flagged in flags.items():
        assert flagged == (lifecycle(CATALOG[entry_id]).state in FLAGGED), entry_id
    assert flags["hug"] and not flags["fastapi"]
