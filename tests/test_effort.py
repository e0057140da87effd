"""Setup effort: lines that a reader writes, and the packages a snippet needs beyond its framework."""

from __future__ import annotations

import shutil
from pathlib import Path

from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.core.snippets import effort
from tests.conftest import ROOT

CATALOG = load_catalog(DATA_DIR)


def test_comments_and_blank_lines_do_not_count_and_own_packages_are_not_third_party(tmp_path: Path):
    folder = tmp_path / "djangorestframework"
    folder.mkdir()
    (folder / "hello-json.py").write_text(
        "# Run: a command\n\nimport os\nimport jwt\nfrom rest_framework import views  # its own package\n"
        "from django.http import JsonResponse  # what it builds on\nimport gunicorn\n\n# a comment\nx = 1\n",
        encoding="utf-8",
    )
    found = effort(CATALOG, CATALOG["djangorestframework"], "hello-json", snippets_dir=tmp_path)
    assert found.lines == 6
    assert found.packages == ("jwt",)  # os is stdlib; rest_framework, django and the server gunicorn are not extra


def test_a_copied_snippet_with_an_extra_import_counts_it(tmp_path: Path):
    shutil.copytree(ROOT / "snippets" / "flask", tmp_path / "flask")
    path = tmp_path / "flask" / "hello-json.py"
    before = effort(CATALOG, CATALOG["flask"], "hello-json", snippets_dir=tmp_path)
    path.write_text(path.read_text() + "\nimport structlog\n", encoding="utf-8")
    after = effort(CATALOG, CATALOG["flask"], "hello-json", snippets_dir=tmp_path)
    assert after.lines == before.lines + 1 and after.packages == tuple(sorted({*before.packages, "structlog"}))
