"""The answer in ten seconds, in a real browser: each of the home page's answers links to a view that
shows the same entries, and the summary card on framework pages agrees with the catalog."""

from __future__ import annotations

import pytest

from atlas.core.catalog import load_catalog_once
from atlas.core.lifecycle import lifecycle
from atlas.core.snippets import pinned_version
from atlas.site.card import tasks_passed
from atlas.site.home import SHOWN, answers

CATALOG = load_catalog_once()
ANSWERS = {a.id: a for a in answers(CATALOG)}


def _names(ids) -> list[str]:
    return [CATALOG[i].name for i in ids]


def _visible_rows(page, table_id: str) -> list[str]:
    """Names of the rows a matrix shows after its script applied the URL's filters."""
    selector = f'table[data-table="{table_id}"] tbody tr'
    page.wait_for_selector(selector, state="attached")
    page.wait_for_load_state("load")  # matrix.js applies the filters once the page has loaded
    return page.eval_on_selector_all(
        selector,
        "rows => rows.filter(r => !r.hidden && r.offsetParent !== null)"
        ".map(r => r.querySelector('th[data-col=name]').getAttribute('data-value'))",
    )


def _follow(page, site_url: str, answer_id: str) -> None:
    page.goto(site_url)
    section = page.locator(f'[data-answer="{answer_id}"]')
    shown = [x.strip() for x in section.locator("ol li a").all_inner_texts()]
    assert shown == _names(p.entry for p in ANSWERS[answer_id].picks[:SHOWN])
    section.locator("a.atlas-answer-all").click()
    page.wait_for_load_state("domcontentloaded")


@pytest.mark.parametrize("answer_id", ["async-openapi", "alive"])
def test_a_matrix_answer_links_to_the_matrix_filtered_to_the_same_entries(page, site_url, answer_id):
    if answer_id not in ANSWERS:
        pytest.skip(f"no entry answers {answer_id}")
    _follow(page, site_url, answer_id)
    assert sorted(_visible_rows(page, "features-web")) == sorted(_names(p.entry for p in ANSWERS[answer_id].picks))


def test_the_fastest_answer_is_the_first_rank_band_of_the_table_it_links_to(page, site_url):
    answer = ANSWERS.get("fastest")
    if answer is None:
        pytest.skip("no benchmark run")
    _follow(page, site_url, "fastest")
    table = page.url.split("#", 1)[1]
    table_id = {"ranking-common": "benchmarks-ranking-common", "throughput": "benchmarks-hello-json"}[table]
    rows = page.locator(f'table[data-table="{table_id}"] tbody tr')
    band_one = [
        r.get_attribute("data-id").split("@")[0]
        for r in rows.all()
        if r.locator('td[data-col="band"]').get_attribute("data-value") == "1"
    ]
    assert band_one == [p.entry for p in answer.picks]


def test_the_django_and_queue_answers_lead_to_pages_listing_them(page, site_url):
    for answer_id, selector in (
        ("django", "#built-on-by + ul, #built-on-by ~ ul"),
        ("queues", '[data-table="benchmarks-queues"]'),
    ):
        if answer_id not in ANSWERS:
            continue
        _follow(page, site_url, answer_id)
        text = page.locator(selector).first.inner_text()
        for pick in ANSWERS[answer_id].picks:
            assert CATALOG[pick.entry].name in text, (answer_id, pick.entry)


@pytest.mark.parametrize("entry_id", ["fastapi", "hug", "celery"])
def test_the_summary_card_agrees_with_the_catalog(page, site_url, entry_id):
    entry = CATALOG[entry_id]
    page.goto(f"{site_url}frameworks/{entry_id}/")
    card = page.locator("section.atlas-card")
    assert card.is_visible()
    text = " ".join(card.inner_text().split())
    assert lifecycle(entry).label in text
    pinned = pinned_version(CATALOG, entry)
    assert f"latest {pinned.latest}" in text and f"tested with {pinned.tested}" in text
    passed, total = tasks_passed(CATALOG, entry)
    assert f"Tasks passed {passed} of {total}" in text
    # the card comes before the fact tables: the first thing under the title
    assert page.evaluate(
        "() => { const c = document.querySelector('section.atlas-card'), t = document.querySelector('.atlas-facts');"
        " return !!(c.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    )
    for link in card.locator(".atlas-card-when a").all():  # every reason links to its evidence on the site
        href = link.get_attribute("href")
        assert href and not href.startswith("http"), href
