"""Embeds and downloads: one standalone page and three files per matrix, linked under it, and the
`atlas serve` server that narrows them by query string. The browser-side iframe check lives
with the browser tests; here the pages are checked to be frameable and self-contained."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import pytest

from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.site.export import DOWNLOADS, export
from atlas.site.tables import all_tables, snapshot_date
from tests.conftest import atlas_server
from tests.htmlscan import Page

CATALOG = load_catalog(DATA_DIR)
TABLES = all_tables(CATALOG)
#: Elements that make a browser fetch something by itself.
LOADING = ("script", "img", "iframe", "frame", "object", "embed", "audio", "video", "source", "link", "track", "input")


def _parse(text: str):
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def _self_contained(tree) -> None:
    """No script at all; nothing loaded from a URL (the only <link> is the empty data: icon)."""
    assert not tree.findall(".//script")
    for tag in LOADING:
        for el in tree.iter(tag):
            url = el.get("src") or el.get("href") or el.get("data") or ""
            assert tag == "link" and url == "data:,", f"<{tag}> loads {url!r}"
    for el in tree.iter():
        assert "url(" not in (el.get("style") or "")
    style = "".join(s.text or "" for s in tree.iter("style"))
    assert style and "url(" not in style and "@import" not in style


@pytest.mark.parametrize("table_id", list(TABLES))
def test_embed_page_is_a_standalone_html5_page_of_its_matrix(site: Path, table_id: str):
    table = TABLES[table_id]
    text = (site / "embed" / table_id / "index.html").read_text(encoding="utf-8")
    tree = _parse(text)  # strict: any HTML5 parse error fails
    _self_contained(tree)
    csp = tree.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "default-src 'none'" in csp and "script-src" not in csp
    caption = "".join(tree.find(".//caption").itertext())
    assert table.title in caption and f"data snapshot {table.snapshot.isoformat()}" in caption
    back = tree.find(".//caption/a").get("href")
    assert back == "../../" + table.page and (site / urlsplit(back[6:]).path / "index.html").exists()
    rows = tree.findall(".//tbody/tr")
    assert [r.get("data-id") for r in rows] == [r.id for r in table.rows]
    header = [th.get("data-col") for th in tree.findall(".//thead/tr/th[@data-col]")]  # group labels have none
    assert header == ["name", *(c.id for c in table.columns)]
    # Every link is a source (absolute https) or a page of the site (relative): nothing else.
    for a in tree.iter("a"):
        href = a.get("href")
        assert href.startswith("https://") or not urlsplit(href).scheme, href


@pytest.mark.parametrize("table_id", list(TABLES))
def test_downloads_are_the_export_of_the_same_table(site: Path, table_id: str):
    for ext, fmt in DOWNLOADS.items():
        assert (site / "downloads" / f"{table_id}.{ext}").read_text(encoding="utf-8") == fmt.write(TABLES[table_id]), ext
    rows = list(csv.reader(io.StringIO((site / "downloads" / f"{table_id}.csv").read_text(encoding="utf-8"))))
    assert [r[0] for r in rows[1:]] == [r.id for r in TABLES[table_id].rows]


@pytest.mark.parametrize(
    ("page", "table_ids"),
    [
        ("compare/index.html", [t for t in TABLES if t.startswith("features-")]),
        ("tasks/index.html", ["task-coverage"]),
        ("benchmarks/index.html", [t for t in TABLES if t.startswith("benchmarks-")]),
    ],
)
def test_every_matrix_links_its_downloads_and_embed(site: Path, page: str, table_ids: list[str]):
    links = Page((site / page).read_text(encoding="utf-8")).links
    for table_id in table_ids:
        for ext in DOWNLOADS:
            assert f"../downloads/{table_id}.{ext}" in links, (page, table_id, ext)
        assert f"../embed/{table_id}/" in links, (page, table_id)


def test_site_cells_carry_column_and_value_attributes(site: Path):
    tree = html5lib.parse((site / "compare/index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
    flask = tree.find(".//tr[@data-id='flask']")
    cells = {td.get("data-col"): td.get("data-value") for td in flask.findall("td")}
    assert cells["websockets"] == str(CATALOG["flask"].facts["websockets"].value).lower()
    assert cells["first_release"] == str(CATALOG["flask"].facts["first_release"].value)


def test_every_page_footer_shows_the_data_snapshot(site: Path):
    date = snapshot_date(CATALOG).isoformat()
    for rel in ("index.html", "compare/index.html", "frameworks/flask/index.html"):
        text = " ".join(Page((site / rel).read_text(encoding="utf-8")).text)
        assert f"data snapshot {date}" in text, rel


# --- the server ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(site: Path):
    """`python -m atlas serve` on a free port, for the built site."""
    with atlas_server(site) as url:
        yield url


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8")


def test_server_filters_an_embed_by_query_string(server: str):
    status, headers, body = _get(f"{server}/embed/features-web/?frameworks=fastapi,flask&columns=openapi,license")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "X-Frame-Options" not in headers and "frame-ancestors *" in headers["Content-Security-Policy"]
    tree = _parse(body)
    _self_contained(tree)
    assert [r.get("data-id") for r in tree.findall(".//tbody/tr")] == ["fastapi", "flask"]
    assert [th.get("data-col") for th in tree.findall(".//thead/tr/th")] == ["name", "openapi", "license"]
    flask_license = tree.find(".//tr[@data-id='flask']/td[@data-col='license']")
    assert flask_license.get("data-value") == CATALOG["flask"].facts["license"].value
    assert "showing frameworks fastapi, flask; columns openapi, license" in "".join(tree.find(".//caption").itertext())


def test_server_serves_the_static_site_unchanged(server: str, site: Path):
    status, headers, body = _get(f"{server}/embed/task-coverage/")
    assert status == 200 and "X-Frame-Options" not in headers
    assert body == (site / "embed/task-coverage/index.html").read_text(encoding="utf-8")
    assert _get(f"{server}/compare/")[0] == 200


def test_server_filters_downloads_too(server: str):
    status, headers, body = _get(f"{server}/downloads/features-web.json?frameworks=flask&columns=openapi")
    assert status == 200 and headers["Content-Type"] == "application/json"
    doc = json.loads(body)
    assert [r["id"] for r in doc["rows"]] == ["flask"]
    assert doc["rows"][0]["cells"]["openapi"]["value"] == CATALOG["flask"].facts["openapi"].value
    status, _, body = _get(f"{server}/downloads/task-coverage.csv?frameworks=flask")
    assert body == export(TABLES["task-coverage"].select(["flask"]), "csv")


@pytest.mark.parametrize(
    ("query", "code", "words"),
    [
        ("/embed/features-web/?frameworks=flask,nosuch", 400, ["nosuch", "fastapi"]),
        ("/embed/features-web/?columns=colour", 400, ["colour", "openapi"]),
        ("/embed/features-web/?framework=flask", 400, ["framework", "frameworks, columns"]),
        ("/embed/features-web/?frameworks=", 400, ["frameworks is empty"]),
        ("/embed/no-such-matrix/?frameworks=flask", 404, ["no-such-matrix", "task-coverage"]),
    ],
)
def test_server_answers_a_bad_query_with_a_readable_error(server: str, query: str, code: int, words: list[str]):
    status, headers, body = _get(server + query)
    assert status == code and headers["Content-Type"].startswith("text/plain")
    for word in words:
        assert word in body
