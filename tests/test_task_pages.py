"""Task pages: the contract in words and every snippet in tabs, included from the files the tests run."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.core.snippets import SNIPPETS_DIR, locked_versions
from atlas.site.tasks_render import SNIPPET_KINDS, snippet_status
from tests.htmlscan import Page, table_notes

CATALOG = load_catalog(DATA_DIR)


def _tab_labels(html: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r'<label for="__tabbed_\d+_\d+">(.*?)</label>', html)]


def _code_text(html: str) -> str:
    """The text of every code block, with highlighting markup removed."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_every_task_page_states_its_contract(site: Path):
    for task in CATALOG.tasks.values():
        page = Page((site / f"tasks/{task.id}/index.html").read_text(encoding="utf-8"))
        step_rows = [r for r in page.rows if "data-step" in r["attrs"]]
        assert [r["cells"][0] for r in step_rows] == [s["name"] for s in task.steps]


def test_every_snippet_is_shown_from_its_file_with_its_tested_versions(site: Path):
    for task in CATALOG.tasks.values():
        html = (site / f"tasks/{task.id}/index.html").read_text(encoding="utf-8")
        text = _code_text(html)
        labels = _tab_labels(html)
        for entry in CATALOG.of_kinds(SNIPPET_KINDS):
            if snippet_status(CATALOG, entry, task)[0] != "tested":
                continue
            assert entry.name in labels, (task.id, entry.id)
            source = (SNIPPETS_DIR / entry.id / f"{task.id}.py").read_text()
            # The whole file is on the page (included, not copied): its every non-blank line.
            for line in source.splitlines():
                if line.strip():
                    assert line.strip() in text, (task.id, entry.id, line)
            version = locked_versions(entry.id)[entry.package.lower()]
            assert f"Tested with {entry.name} {version}" in text, (task.id, entry.id)


def test_pattern_notes_link_their_sources(site: Path):
    for task in CATALOG.tasks.values():
        page = Page((site / f"tasks/{task.id}/index.html").read_text(encoding="utf-8"))
        for note in task.notes:
            assert note["source"] in page.links, (task.id, note["source"])


def test_background_job_page_states_each_queue_delivery_guarantee(site: Path):
    page = Page((site / "tasks/background-job/index.html").read_text(encoding="utf-8"))
    text = " ".join(page.text)
    for queue in CATALOG.of_kinds(("task-queue",)):
        fact = queue.facts["delivery"]
        assert queue.name in text
        if fact.known:
            assert fact.source in page.links, queue.id


def test_tabs_are_in_the_same_order_on_every_task_page(site: Path):
    orders = []
    for task in CATALOG.tasks.values():
        labels = _tab_labels((site / f"tasks/{task.id}/index.html").read_text(encoding="utf-8"))
        orders.append([n for n in (e.name for e in CATALOG.of_kinds(SNIPPET_KINDS)) if n in labels])
        assert orders[-1] == [label for label in labels if label in orders[-1]]
    assert len(orders) == len(CATALOG.tasks)


def test_coverage_matrix_has_a_row_per_framework_and_a_cell_per_task(site: Path):
    html = (site / "tasks/index.html").read_text(encoding="utf-8")
    start = html.index('data-table="task-coverage"')  # the page also holds the setup-effort matrix
    page = Page(html[html.rindex("<table", 0, start) : html.index("</table>", start)])
    notes = table_notes(html, "task-coverage")  # why a snippet fails or does not apply: a marker, the note beneath
    for entry in CATALOG.of_kinds(SNIPPET_KINDS):
        cells = page.row(entry.id)["cells"][1:]
        assert len(cells) == len(CATALOG.tasks)
        for cell, task in zip(cells, CATALOG.tasks.values(), strict=True):
            status, detail = snippet_status(CATALOG, entry, task)
            if status == "irrelevant":
                status = "—"
            expected = {"tested": "✓ tested", "fails": "✗ fails", "missing": "✗ missing", "n/a": "n/a", "—": "—"}[status]
            if status in ("fails", "n/a"):
                marker = re.fullmatch(rf"{re.escape(expected)}(\d+)", cell)
                assert marker and notes[marker.group(1)] == detail, (entry.id, task.id, cell)
            else:
                assert cell == expected, (entry.id, task.id, cell)
