"""Each page type in a real browser: it loads cleanly (the `page` fixture fails the test on any
console error, failed request or request to another origin), shows its content, sorts, keeps
the reader's framework tab and colour scheme across pages, finds a framework by name, fits a
390 px wide phone, and embeds in another page. Screenshots of every page type go to
test-results/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics

import pytest

from atlas.core.catalog import load_catalog_once
from atlas.harness.browser import PAGE_TYPES, scroll_through_charts
from atlas.harness.weight import weigh
from atlas.site.render import MATRICES
from atlas.site.tasks_render import SNIPPET_KINDS, snippet_status

CATALOG = load_catalog_once()
PLOTLY = "assets/javascripts/plotly-basic.min.js"
PHONE = {"width": 390, "height": 844}
ROWS = "document.querySelectorAll({!r}).length"


def _text(page, selector: str) -> str:
    """The element's visible text, whitespace collapsed, without Material's ¶ permalinks."""
    return " ".join(page.locator(selector).first.inner_text().replace("¶", "").split())


def _tab(page, name: str):
    """The code tab labelled exactly `name` (not "Flask-RESTful" for "Flask")."""
    return page.locator(".tabbed-labels label").filter(has_text=re.compile(rf"^\s*{re.escape(name)}\s*$"))


@pytest.mark.parametrize("kind", PAGE_TYPES, ids=lambda k: k.name)
def test_each_page_type_loads_cleanly_within_its_weight_budget_and_plotly_only_with_charts(page, site_url, screenshot, kind):
    responses = []
    page.context.on("response", lambda response: responses.append(response))  # a fresh context: nothing cached
    page.goto(site_url + kind.path)
    page.wait_for_load_state("networkidle")  # the search index and any late request are counted too
    assert page.locator("article h1").count() == 1
    # Plotly comes with the first chart scrolled into view: a chart page loads it then, no other page ever.
    scroll_through_charts(page)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    loaded_plotly = any(r.url.endswith(PLOTLY) for r in responses)
    assert loaded_plotly == kind.charts, f"{kind.name}: plotly requested: {loaded_plotly}"
    # The page-weight budget (`make weight` prints the whole table): CI fails when a page outgrows it.
    weight = weigh(kind, responses)
    assert not weight.over, f"{kind.name}: {weight.total:,} bytes gzipped > budget {weight.budget:,}; by kind: {weight.sent}"
    screenshot(page, kind.name)


def test_home_names_the_catalog_size_and_leads_to_the_matrix(page, site_url):
    page.goto(site_url)
    assert f"currently covers {len(CATALOG.entries)} frameworks" in _text(page, "article")
    page.get_by_role("link", name="Compare them side by side").click()
    page.wait_for_url(f"{site_url}compare/")


def test_the_matrix_has_every_entry_as_a_row_of_its_kind(page, site_url):
    page.goto(site_url + "compare/")
    for anchor, _title, kinds in MATRICES:
        table = page.locator(f"table[data-table='features-{anchor}']")
        ids = table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)")
        assert ids == [entry.id for entry in CATALOG.of_kinds(kinds)], anchor
    assert page.locator("table[data-table^='features-'] tbody tr").count() == len(CATALOG.entries)


def test_a_framework_page_shows_its_sourced_facts(page, site_url):
    flask = CATALOG["flask"]
    page.goto(site_url + "frameworks/flask/")
    assert _text(page, "article h1") == flask.name
    for fact_id in ("license", "latest_version"):
        fact = flask.facts[fact_id]
        cell = page.locator(f"#fact-{fact_id} td").first
        assert " ".join(cell.inner_text().split()) == str(fact.value)
        assert cell.locator("a").get_attribute("href") == fact.source


def test_a_task_page_shows_one_code_tab_per_framework_with_a_snippet(page, site_url):
    task = CATALOG.tasks["hello-json"]
    expected = [
        entry.name
        for entry in CATALOG.of_kinds(SNIPPET_KINDS)
        if entry.kind in task.applies_to and snippet_status(CATALOG, entry, task)[0] != "missing"
    ]
    page.goto(site_url + "tasks/hello-json/")
    labels = page.locator(".tabbed-labels label").all_inner_texts()
    assert [" ".join(label.split()) for label in labels] == expected
    assert len(expected) > 10
    _tab(page, "Flask").click()
    assert "from flask import" in page.locator(".tabbed-block:visible").inner_text()


def test_the_claims_page_lists_every_checked_claim_with_a_verdict(page, site_url):
    claims = [claim for article in CATALOG.claims.values() for claim in article.claims]
    page.goto(site_url + "claims/")
    rows = page.locator("tr[data-claim]")
    assert rows.evaluate_all("rows => rows.map(r => r.dataset.claim)") == [c.id for c in claims]
    verdicts = page.locator("tr[data-claim] td[data-verdict]").all_inner_texts()
    assert len(verdicts) == len(claims) and all(v.strip() for v in verdicts)


def test_the_guide_links_its_questions_to_task_pages(page, site_url):
    page.goto(site_url + "guides/microservices/")
    hrefs = page.locator("article a[href*='tasks/']").evaluate_all("links => links.map(a => a.href)")
    linked = {href.split("/tasks/")[1].split("/")[0] for href in hrefs}
    assert linked and linked <= set(CATALOG.tasks), linked


def test_benchmark_charts_are_drawn_with_their_traces_when_scrolled_into_view(page, site_url):
    requested = []
    page.context.on("request", lambda request: requested.append(request))
    page.goto(site_url + "benchmarks/")
    charts = page.locator(".atlas-chart")
    assert charts.count() >= 3
    page.wait_for_load_state("networkidle")
    assert not any(r.url.endswith(PLOTLY) for r in requested), "plotly was requested before any chart was in view"
    last = charts.nth(charts.count() - 1)
    assert last.locator(".main-svg").count() == 0, "a chart below the fold was drawn before it was scrolled to"
    assert last.bounding_box()["height"] >= 400  # its height is kept free, so drawing it later shifts nothing
    scroll_through_charts(page)
    for i in range(charts.count()):
        chart = charts.nth(i)
        traces = chart.locator(".trace").count()
        assert traces > 0, f"{chart.get_attribute('id')} drew no trace"
        assert chart.bounding_box()["height"] > 200


def test_clicking_a_benchmark_column_header_sorts_its_rows_both_ways(page, site_url):
    page.goto(site_url + "benchmarks/")
    table = page.locator("table.atlas-sortable").first
    header = table.locator("thead th[data-col='rps']")
    button = header.locator("button")  # docs/js/matrix.js gives every header a real button

    def column() -> list[float | None]:
        """The column's values in row order; an entry not measured yet has none (sorted last either way)."""
        values = table.locator("tbody td[data-col='rps']").evaluate_all("c => c.map(x => x.dataset.value)")
        return [float(v) if v else None for v in values]

    def expected(values: list[float | None], reverse: bool) -> list[float | None]:
        known = sorted((v for v in values if v is not None), reverse=reverse)
        return known + [None] * (len(values) - len(known))

    before = column()
    button.click()
    assert column() == expected(before, False) and header.get_attribute("aria-sort") == "ascending"
    button.click()
    assert column() == expected(before, True) and header.get_attribute("aria-sort") == "descending"
    table.locator("thead th[data-col='name'] button").press("Enter")  # the keyboard sorts too
    names = table.locator("tbody th[data-col='name']").evaluate_all("c => c.map(x => x.dataset.value.toLowerCase())")
    assert names == sorted(names)


def test_a_chosen_framework_tab_stays_chosen_on_the_next_task_page(page, site_url):
    page.goto(site_url + "tasks/hello-json/")
    _tab(page, "FastAPI").click()
    page.goto(site_url + "tasks/validated-body/")
    checked = page.locator(".tabbed-set input:checked").first.get_attribute("id")
    label = page.locator(f".tabbed-labels label[for='{checked}']")
    assert " ".join(label.inner_text().split()) == "FastAPI"
    assert "from fastapi import" in page.locator(".tabbed-block:visible").inner_text()


def test_search_finds_a_task_a_fact_and_a_framework_by_name(page, site_url):
    """The index leaves code and tables out (atlas.site.search); names are still found."""
    page.goto(site_url)
    field = page.locator("input.md-search__input")
    field.click()  # the header's search field (a button on a phone)
    task = CATALOG.tasks["validated-body"]
    for query, href in ((task.title, "tasks/validated-body/"), ("Requires-Python", "frameworks/")):
        field.fill("")
        field.press_sequentially(query, delay=30)
        page.locator(f".md-search-result__item a[href*='{href}']").first.wait_for()
    field.fill("")
    field.press_sequentially("litestar", delay=30)
    result = page.locator(".md-search-result__item a[href*='frameworks/litestar/']").first
    result.wait_for()
    result.click()
    page.wait_for_url(f"{site_url}frameworks/litestar/**")
    assert _text(page, "article h1") == CATALOG["litestar"].name


@pytest.mark.parametrize("kind", PAGE_TYPES, ids=lambda k: k.name)
def test_a_390px_phone_never_scrolls_the_page_sideways(page, site_url, screenshot, kind):
    page.set_viewport_size(PHONE)
    page.goto(site_url + kind.path)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{kind.name}: page is {width[0]} px wide in a {width[1]} px viewport"
    wider = page.evaluate(
        """() => [...document.querySelectorAll('article *')]
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter(el => !el.closest('.atlas-matrix, .atlas-facts, .md-typeset__table, .highlight, .tabbed-labels, .atlas-chart'))
        .map(el => el.tagName + '.' + el.className).slice(0, 5)"""
    )
    assert not wider, f"{kind.name}: elements reach past the viewport outside a scrolling box: {wider}"
    screenshot(page, f"{kind.name}-390px")


#: Per table of the article: its name, whether it is a matrix (atlas.site.table_html), its line
#: height and every shown body row's height, in px.
ROW_HEIGHTS = """() => [...document.querySelectorAll('article table')].map((t, i) => [
  t.dataset.table || `table ${i + 1} (${t.tHead ? t.tHead.rows[0].cells[0].textContent.trim() : ''})`,
  Boolean(t.closest('.atlas-matrix')),
  parseFloat(getComputedStyle(t.querySelector('td, th')).lineHeight),
  [...(t.tBodies[0] || {rows: []}).rows].filter(r => !r.hidden).map(r => r.getBoundingClientRect().height)])"""
#: The most lines a matrix row may take (a wrapped list of names, a worker command); a longer value is a marker.
MATRIX_LINES = 8

#: Whether the element is what a reader sees at its left edge (not covered by what scrolled under it).
ON_TOP = "e => {const r = e.getBoundingClientRect(); return e.contains(document.elementFromPoint(r.x + 3, r.y + r.height / 2)); }"


@pytest.mark.parametrize(
    "path", ["compare/", "benchmarks/", "frameworks/flask/", "tasks/"], ids=["matrix", "benchmarks", "framework", "tasks"]
)
def test_no_table_row_is_stretched_by_a_long_cell_at_390px_or_1280px(page, site_url, path):
    """A long note or value becomes a marker with the note beneath the table: no row of a table is more
    than 3 times as tall as the table's median row, on a phone or a desktop, and no matrix row takes
    more than MATRIX_LINES lines (all rows of a matrix can be stretched alike by one long column)."""
    page.goto(site_url + path)
    stretched, measured = [], 0
    for width in (1280, PHONE["width"]):
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        for name, matrix, line, heights in page.evaluate(ROW_HEIGHTS):
            if len(heights) < 4:  # a median of fewer rows says little
                continue
            measured += 1
            ratio, lines = max(heights) / statistics.median(heights), max(heights) / line
            if ratio > 3 or (matrix and lines > MATRIX_LINES):
                tallest = f"tallest row {max(heights):.0f} px"
                stretched.append(f"{name} at {width} px: {tallest} = {ratio:.2f}x the median, {lines:.1f} lines")
    assert measured >= 2, f"{path}: no table with rows to measure"
    assert not stretched, f"{path}: " + "; ".join(stretched)


def test_the_first_column_header_and_column_groups_stay_in_sight_when_a_table_scrolls(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "benchmarks/")
    box = page.locator(".atlas-matrix", has=page.locator("table[data-table='benchmarks-hello-json']"))
    box.scroll_into_view_if_needed()
    scrolled = box.evaluate("b => { b.scrollLeft = 400; b.scrollTop = b.scrollHeight; return [b.scrollLeft, b.scrollTop]; }")
    assert scrolled[0] == 400 and scrolled[1] > 0, f"the table does not scroll both ways in its box: {scrolled}"
    # What a reader sees at the box's left edge is still the framework's name, and at its top the header.
    seen = box.evaluate(
        """b => { const r = b.getBoundingClientRect(), at = (x, y) => document.elementFromPoint(x, y);
        return [at(r.x + 4, r.y + r.height * 0.6).closest('tbody th[data-col="name"]') !== null,
                at(r.x + r.width / 2, r.y + 4).closest('thead') !== null]; }"""
    )
    assert seen == [True, True], f"[first column, header row] in sight after scrolling: {seen}"
    # A grouped header (setup effort: lines of each task's snippet) keeps its label beside the first column.
    page.goto(site_url + "tasks/")
    effort = page.locator(".atlas-matrix", has=page.locator("table[data-table='setup-effort']"))
    effort.scroll_into_view_if_needed()
    effort.evaluate("b => { b.scrollLeft = b.querySelector('th.atlas-group').offsetLeft + 150; }")  # past the group's start
    label = effort.locator("th.atlas-group span").first
    assert label.evaluate(ON_TOP), "the column group's label scrolled out of sight"


def test_dark_mode_toggles_and_follows_the_reader_to_every_page_type(page, site_url, screenshot):
    page.goto(site_url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("label[title='Dark mode']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    for kind in PAGE_TYPES:
        page.goto(site_url + kind.path)
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate", kind.name
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), f"{kind.name}: {background}"
        if kind.charts:
            scroll_through_charts(page)
        screenshot(page, f"{kind.name}-dark")
    page.locator("label[title='Light mode']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"


def test_an_embed_shows_its_table_inside_another_sites_iframe(page, site_url, screenshot):
    host = f"""<!doctype html><title>A blog post</title><h1>Frameworks we considered</h1>
    <iframe id="atlas" src="{site_url}embed/features-web/" width="900" height="600"></iframe>"""
    page.set_content(host)
    frame = page.frame_locator("#atlas")
    rows = frame.locator("tbody tr")
    rows.first.wait_for()
    web = [entry.id for entry in CATALOG.of_kinds(next(k for a, _t, k in MATRICES if a == "web"))]
    assert rows.evaluate_all("rows => rows.map(r => r.dataset.id)") == web
    caption = " ".join(frame.locator("caption").inner_text().split())
    assert f"data snapshot {dt.date.fromisoformat(caption.split('data snapshot ')[1][:10])}" in caption
    screenshot(page, "embed-in-iframe")
