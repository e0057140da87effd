"""Text from data is text: HTML and Markdown in a contribution cannot reach the page as markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.htmlscan import Page


@pytest.fixture
def evil_site(fixture_site: Path) -> Path:
    return fixture_site


def test_script_in_data_shows_as_text(evil_site: Path):
    for rel in ("frameworks/evil/index.html", "compare/index.html"):
        html = (evil_site / rel).read_text(encoding="utf-8")
        page = Page(html)
        assert not any("alert(" in s for s in page.scripts_inline), rel
        assert "<script>alert" not in html and "<img src=x" not in html
    page = Page((evil_site / "frameworks/evil/index.html").read_text(encoding="utf-8"))
    text = " ".join(page.text)
    assert "<script>alert('summary')</script>" in text
    assert "**not bold** | not a cell | {{ not_a_macro }}" in text


def test_pipe_and_markup_do_not_break_the_matrix(evil_site: Path):
    page = Page((evil_site / "compare/index.html").read_text(encoding="utf-8"))
    evil, alpha = page.row("evil"), page.row("alpha")
    assert len(evil["cells"]) == len(alpha["cells"])
    assert "Evil <b>| Name" in evil["cells"][0]


def test_markup_in_detail_and_reason_is_escaped(evil_site: Path):
    html = (evil_site / "frameworks/evil/index.html").read_text(encoding="utf-8")
    page = Page(html)
    detail_row = next(r for r in page.rows if r["attrs"].get("id") == "fact-orm")
    assert detail_row["cells"][2] == '<img src=x onerror="alert(1)"> | [link](javascript:alert(1))'
    assert 'href="javascript:' not in html
