"""The search index (Material's search plugin, site/search/search_index.json): small enough that
every page can fetch it, and still finding every framework, task and fact by its name.

What it leaves out, and why, is in atlas/site/search.py and docs/about.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from atlas.core.catalog import DATA_DIR, fact_groups, load_catalog

#: The index when issue 17 was filed (569 KB, mostly code listings); it must stay under a third of that.
INDEX_BEFORE = 569_000
CATALOG = load_catalog(DATA_DIR)
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def find(index: dict, query: str) -> set[str]:
    """Locations of the sections whose title or text holds every word of the query, split as the
    site's search splits them (its `separator`, case-folded); the search itself also stems and
    matches prefixes, so it finds at least these."""
    split = re.compile(index["config"]["separator"])

    def words(text: str) -> set[str]:
        return {w for w in split.split(TAG.sub(" ", text).lower()) if w}

    wanted = words(query)
    return {d["location"] for d in index["docs"] if wanted <= words(d["title"] + " " + d["text"])}


def test_the_index_is_at_most_a_third_of_its_size_before(site: Path):
    size = (site / "search" / "search_index.json").stat().st_size
    assert size <= INDEX_BEFORE / 3, f"search index {size:,} bytes > {INDEX_BEFORE // 3:,}: see atlas/site/search.py"


@pytest.mark.parametrize("entry", list(CATALOG), ids=lambda x: x.id)
def test_a_framework_name_finds_its_page(index, entry):
    assert any(loc.startswith(f"frameworks/{entry.id}/") for loc in find(index, entry.name)), entry.name


@pytest.mark.parametrize("task", list(CATALOG.tasks.values()), ids=lambda t: t.id)
def test_a_task_name_finds_its_page(index, task):
    assert any(loc.startswith(f"tasks/{task.id}/") for loc in find(index, task.title)), task.title


def test_every_fact_name_finds_the_framework_pages_that_state_it(index):
    missing = []
    for _gid, (_title, kinds, specs) in fact_groups().items():
        pages = {f"frameworks/{x.id}/" for x in CATALOG if x.kind in kinds}
        for spec in specs:
            found = {loc.split("#")[0] for loc in find(index, spec.title)}
            if not pages & found:
                missing.append(spec.title)
    assert not missing, f"fact names the search no longer finds: {missing}"


def test_code_listings_are_left_out(index):
    # A line every hello-json snippet of Flask has; it is on the page, not in the index.
    assert find(index, "from flask import Flask") <= {loc for loc in find(index, "Flask") if not loc.startswith("tasks/")}
