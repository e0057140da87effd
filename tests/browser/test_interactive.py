"""The interactive pages in a real browser: matrices sort and filter and keep both in the URL, the
side-by-side picker and the decision guide show what the data says and restore from their URL,
linked tabs follow the chosen framework, nothing overflows a phone's width, dark mode toggles.

Fixtures `site_url` (the built site served on 127.0.0.1) and `page` (a page that fails the test on
console errors, failed requests or any request leaving the origin) come from tests/browser/conftest.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from atlas.core.catalog import DATA_DIR, ROOT, load_catalog
from atlas.core.lifecycle import FLAGGED, lifecycle
from atlas.core.snippets import status
from atlas.site.explore import GUIDE_KINDS
from atlas.site.tables import all_tables

CATALOG = load_catalog(DATA_DIR)
WEB = all_tables(CATALOG)["features-web"]


def _visible(page, table_id: str, col: str = "name") -> list[tuple[str, str]]:
    """(row id, the column's data-value) of the rows shown, in order."""
    return page.eval_on_selector_all(
        f'table[data-table="{table_id}"] tbody tr',
        "(rows, col) => rows.filter(r => !r.hidden)"
        '.map(r => [r.dataset.id, r.querySelector(`[data-col="${col}"]`).dataset.value])',
        col,
    )


def _version_key(v: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.findall(r"\d+|\D+", v.lower())]


def _sort(page, table_id: str, col: str) -> None:
    page.locator(f'table[data-table="{table_id}"] thead th[data-col="{col}"] button').click()


def test_sorting_a_numeric_column_orders_rows_by_value_unknown_last(page, site_url):
    page.goto(site_url + "compare/")
    _sort(page, "features-web", "core_dependencies")
    th = page.locator('table[data-table="features-web"] th[data-col="core_dependencies"]')
    assert th.get_attribute("aria-sort") == "ascending"
    values = [v for _, v in _visible(page, "features-web", "core_dependencies")]
    known = [float(v) for v in values if v]
    assert known == sorted(known) and len(set(known)) > 3
    assert values[len(known) :] == [""] * (len(values) - len(known))  # unknown values come last
    _sort(page, "features-web", "core_dependencies")
    assert th.get_attribute("aria-sort") == "descending"
    known_desc = [float(v) for _, v in _visible(page, "features-web", "core_dependencies") if v]
    assert known_desc == sorted(known, reverse=True)
    assert "features-web.sort=core_dependencies:desc" in page.url


def test_versions_sort_part_by_part_and_by_keyboard(page, site_url):
    page.goto(site_url + "compare/")
    button = page.locator('table[data-table="features-web"] th[data-col="latest_version"] button')
    button.focus()
    page.keyboard.press("Enter")
    values = [v for _, v in _visible(page, "features-web", "latest_version") if v]
    assert values == sorted(values, key=_version_key)  # 0.9 before 0.10 before 1.0
    assert values != sorted(values)  # the data holds versions where plain text order would be wrong


def test_must_have_filters_hide_rows_lacking_the_features_and_count_them(page, site_url):
    page.goto(site_url + "compare/")
    form = page.locator('form.atlas-filter[data-for="features-web"]')
    assert form.is_visible()
    form.get_by_label("Async handlers").check()
    form.get_by_label("OpenAPI").check()
    expected = [r.id for r in WEB.rows if r.cells["async_handlers"].value is True and r.cells["openapi"].value is True]
    assert [i for i, _ in _visible(page, "features-web")] == expected and 0 < len(expected) < len(WEB.rows)
    assert form.locator("output").text_content() == f"{len(expected)} of {len(WEB.rows)} shown"
    assert "features-web.has=async_handlers,openapi" in page.url
    form.get_by_label("API toolkit").check()
    toolkits = [i for i in expected if CATALOG[i].kind == "api-toolkit"]
    assert [i for i, _ in _visible(page, "features-web")] == toolkits
    form.get_by_role("button", name="Clear").click()
    expect(form.locator("output")).to_have_text(f"{len(WEB.rows)} of {len(WEB.rows)} shown")  # after the reset event
    assert "features-web." not in page.url


def test_a_shared_matrix_url_restores_filter_and_sort(page, site_url):
    page.goto(site_url + "compare/?features-web.has=websockets&features-web.q=a&features-web.sort=name:desc#web")
    form = page.locator('form.atlas-filter[data-for="features-web"]')
    assert form.get_by_label("WebSockets").is_checked()
    assert form.locator('input[name="q"]').input_value() == "a"
    expected = [r for r in WEB.rows if r.cells["websockets"].value is True and "a" in r.name.lower()]
    shown = _visible(page, "features-web")
    assert {i for i, _ in shown} == {r.id for r in expected}
    names = [n for _, n in shown]
    assert names == sorted(names, key=str.lower, reverse=True)
    assert page.locator('table[data-table="features-web"] thead th[data-col="name"]').get_attribute("aria-sort") == "descending"
    # The other matrices on the page are left alone.
    queues = page.locator('form.atlas-filter[data-for="features-queues"] output').text_content()
    assert queues.split(" of ")[0] == queues.split(" of ")[1].split()[0]


def test_cite_this_table_and_copy_link_carry_the_current_filters_and_sort(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "compare/?features-web.has=openapi#web")
    page.locator('form.atlas-filter[data-for="features-web"]').get_by_label("Async handlers").check()
    _sort(page, "features-web", "name")
    assert "features-web.has=" in page.url and "features-web.sort=name:asc" in page.url
    cite = page.locator('.atlas-cite[data-for="features-web"]')
    cite.get_by_text("Cite this table").click()
    plain = " ".join(cite.locator("pre").first.inner_text().split())
    assert WEB.title in plain and f"data snapshot {WEB.snapshot.isoformat()}" in plain, plain
    assert plain.endswith(page.url), (plain, page.url)
    markdown = cite.locator("pre").last.inner_text()
    assert markdown.startswith("[") and markdown.endswith(f"]({page.url})"), markdown
    cite.get_by_role("button", name="Copy link to this view").click()
    expect(cite.locator("output")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == page.url


def test_side_by_side_shows_facts_code_and_restores_from_its_url(page, site_url):
    page.goto(site_url + "compare/side-by-side/?a=flask&b=fastapi&task=hello-json")
    out = page.locator(".atlas-out")
    out.locator("#facts").wait_for()
    head = out.locator(".atlas-facts table").first.locator("thead th")
    assert head.all_text_contents() == ["Fact", "Flask", "FastAPI"]
    license_row = out.locator("tr", has=page.locator("th", has_text="License")).first
    cells = license_row.locator("td")
    for i, fid in enumerate(("flask", "fastapi")):
        fact = CATALOG[fid].facts["license"]
        assert cells.nth(i).locator("a").get_attribute("href") == fact.source
        assert fact.value in cells.nth(i).text_content() and fact.verified.isoformat() in cells.nth(i).text_content()
    for fid in ("flask", "fastapi"):
        code = out.locator(f'.atlas-side-code [data-id="{fid}"] pre code')
        expected = (ROOT / "snippets" / fid / "hello-json.py").read_text(encoding="utf-8")
        page.wait_for_function("(el) => !el.textContent.startsWith('Loading')", arg=code.element_handle())
        assert code.text_content() == expected
    page.locator('select[name="c"]').select_option("django")
    page.locator('select[name="task"]').select_option("websocket-echo")
    out.locator(".atlas-facts thead th", has_text="Django").first.wait_for()
    assert "c=django" in page.url and "task=websocket-echo" in page.url
    page.reload()
    assert page.locator('select[name="c"]').input_value() == "django"
    assert page.locator('select[name="task"]').input_value() == "websocket-echo"
    out.locator(".atlas-facts thead th", has_text="Django").first.wait_for()


def test_side_by_side_asks_for_two(page, site_url):
    page.goto(site_url + "compare/side-by-side/")
    assert page.locator(".atlas-nojs").is_hidden()
    assert "Pick at least two" in page.locator(".atlas-out").text_content()


def _guide_fits(needs: dict[str, bool], team: str | None = None) -> list[str]:
    fits = []
    for entry in CATALOG.of_kinds(GUIDE_KINDS):
        ok = all(entry.facts[f].value is want for f, want in needs.items())
        if team:
            ok = ok and (entry.id == team or team in entry.builds_on)
        if ok:
            fits.append(entry.id)
    return fits


def test_guide_answers_narrow_the_list_and_show_why(page, site_url):
    page.goto(site_url + "guides/choose/")
    page.locator(".atlas-count").wait_for()
    every = len(CATALOG.of_kinds(GUIDE_KINDS))
    assert page.locator('[data-list="fit"] > li').count() == every
    page.get_by_label("Handlers are async").check()
    page.get_by_label("WebSockets built in").check()
    expected = _guide_fits({"async_handlers": True, "websockets": True})
    assert 0 < len(expected) < every
    fit = page.locator('[data-list="fit"] > li')
    assert [fit.nth(i).get_attribute("data-id") for i in range(fit.count())] == expected
    first = CATALOG[expected[0]]
    why = fit.first.text_content()
    assert "has Handlers are async" in why and "has WebSockets built in" in why
    assert fit.first.locator("a", has_text="Yes").first.get_attribute("href") == first.facts["async_handlers"].source
    assert page.locator(".atlas-count").text_content() == f"{len(expected)} of {every} fit every answer."
    rest = page.locator('[data-list="rest"] > li')
    assert rest.count() == every - len(expected)
    assert "lacks" in rest.first.text_content() or "unknown" in rest.first.text_content()
    assert "need=async,websockets" in page.url


def test_guide_restores_its_answers_and_knows_the_team(page, site_url):
    page.goto(site_url + "guides/choose/?need=openapi&team=django")
    page.locator(".atlas-count").wait_for()
    assert page.get_by_label("An OpenAPI document").is_checked()
    assert page.locator('input[name="team"][value="django"]').is_checked()
    expected = _guide_fits({"openapi": True}, team="django")
    fit = page.locator('[data-list="fit"] > li')
    assert [fit.nth(i).get_attribute("data-id") for i in range(fit.count())] == expected
    assert all(CATALOG[i].id == "django" or "django" in CATALOG[i].builds_on for i in expected)


def test_guide_background_jobs_come_from_the_tests(page, site_url):
    page.goto(site_url + "guides/choose/?need=jobs")
    page.locator(".atlas-count").wait_for()
    task = CATALOG.tasks["background-job"]
    passing = [x for x in CATALOG.of_kinds(GUIDE_KINDS) if status(CATALOG, x, task).state == "tested"]
    # at equal score, dormant, abandoned and archived entries come after the others, and say so
    flagged = [x.id for x in passing if lifecycle(x).state in FLAGGED]
    expected = [x.id for x in passing if x.id not in flagged] + flagged
    fit = page.locator('[data-list="fit"] > li')
    assert [fit.nth(i).get_attribute("data-id") for i in range(fit.count())] == expected
    for entry_id in flagged:
        assert "⚠" in fit.nth(expected.index(entry_id)).inner_text(), entry_id
    assert fit.first.locator("a", has_text="Background jobs").get_attribute("href").endswith("tasks/background-job/")


def test_linked_tabs_follow_the_chosen_framework_across_pages(page, site_url):
    page.goto(site_url + "tasks/hello-json/")
    page.locator(".tabbed-labels label", has_text="FastAPI").first.click()
    page.goto(site_url + "tasks/path-query-params/")
    checked = page.eval_on_selector(".tabbed-set", "s => s.querySelector('input:checked').id")
    label = page.locator(f'.tabbed-set label[for="{checked}"]').first.text_content()
    assert label.strip() == "FastAPI"


@pytest.mark.parametrize(
    "path",
    [
        "compare/",
        "compare/side-by-side/?a=django&b=fastapi&c=litestar&task=database-crud",
        "guides/choose/?need=async",
        "tasks/",
        "benchmarks/",
    ],
)
def test_nothing_overflows_a_phone_width(page, site_url, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Wide tables scroll inside their box instead.
    widths = page.eval_on_selector_all(".atlas-matrix, .atlas-facts", "els => els.map(e => [e.clientWidth, e.scrollWidth])")
    assert all(client <= 390 for client, _ in widths)


def test_dark_mode_toggles_on_an_interactive_page(page, site_url):
    page.goto(site_url + "compare/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.get_by_title("Dark mode").first.click()
    assert page.evaluate(scheme) == "slate"
    page.get_by_title("Light mode").first.click()
    assert page.evaluate(scheme) == "default"
