"""The built site: a page per entry, a matrix row per entry, nothing fetched from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from atlas.core.catalog import DATA_DIR, load_catalog
from tests.htmlscan import Page


def _page(site: Path, rel: str) -> Page:
    return Page((site / rel).read_text(encoding="utf-8"))


def test_every_entry_is_in_the_navigation(site: Path):
    catalog = load_catalog(DATA_DIR)
    home = _page(site, "index.html")
    for entry in catalog:
        assert f"frameworks/{entry.id}/" in home.links, entry.id


def test_every_entry_has_its_generated_page(site: Path):
    catalog = load_catalog(DATA_DIR)
    for entry in catalog:
        page = _page(site, f"frameworks/{entry.id}/index.html")
        text = " ".join(page.text)
        assert entry.name in text
        # The page shows every fact of the entry with its verified date and its source.
        for fact in entry.facts.values():
            assert fact.verified.isoformat() in text
            if fact.source:
                assert fact.source in page.links, (entry.id, fact.id)


def test_compare_page_has_one_row_per_entry(site: Path):
    catalog = load_catalog(DATA_DIR)
    page = _page(site, "compare/index.html")
    ids = [r["attrs"]["data-id"] for r in page.rows if "data-id" in r["attrs"]]
    assert sorted(ids) == sorted(catalog.entries)


def test_yes_and_no_are_words_not_only_colour(site: Path):
    page = _page(site, "compare/index.html")
    flask = page.row("flask")
    header = next(r for r in page.rows if "Async handlers" in r["cells"])
    websockets = flask["cells"][header["cells"].index("WebSockets")]
    assert websockets in ("✗ No", "✓ Yes"), websockets


def test_unknown_values_read_as_unknown_not_no(site: Path):
    catalog = load_catalog(DATA_DIR)
    unknown = [(e, f) for e in catalog for f in e.facts.values() if not f.known]
    if not unknown:
        return
    entry, fact = unknown[0]
    page = _page(site, f"frameworks/{entry.id}/index.html")
    row = next(r for r in page.rows if r["attrs"].get("id") == f"fact-{fact.id}")
    assert row["cells"][1].startswith("? Unknown")
    assert fact.reason.split()[0] in row["cells"][2]


def test_no_resource_is_loaded_from_another_origin(site: Path):
    for html in site.rglob("*.html"):
        page = Page(html.read_text(encoding="utf-8"))
        for url in page.resources:
            assert not urlsplit(url).netloc and not url.startswith("//"), f"{html}: loads {url}"
    for asset in [*site.rglob("*.css"), *site.rglob("*.js")]:
        text = asset.read_text(encoding="utf-8", errors="ignore")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, asset
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", text), asset


def test_internal_links_resolve(site: Path):
    for html in site.rglob("*.html"):
        if html.name == "404.html":  # served at any depth, so its links are root-absolute
            continue
        for href in Page(html.read_text(encoding="utf-8")).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (html.parent / parts.path).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{html.relative_to(site)} links to missing {href}"


def test_no_nested_paragraph_and_no_script_link_anywhere(site: Path):
    """Raw HTML that Markdown wraps in another <p>, or a `javascript:` link, would mean data reached
    Markdown (atlas.site.inert keeps it out): not on any page of the real site."""
    from tests.payloads import check_html

    found = []
    for page in site.rglob("*.html"):
        found += [
            f
            for f in check_html(str(page.relative_to(site)), page.read_text(encoding="utf-8"), [])
            if "<p>" in f.what or "javascript" in f.what
        ]
    assert not found, found[:10]
