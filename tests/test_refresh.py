"""`refresh` on recorded index metadata: derives the right values and edits YAML in place."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from atlas.cli import main
from atlas.cli.pypi import derive
from atlas.cli.refresh import MANAGED, refresh
from atlas.core.catalog import load_catalog

PYPI = Path(__file__).parent / "data" / "pypi"
TODAY = dt.date(2026, 11, 21)


def _meta(name: str) -> dict:
    return json.loads((PYPI / f"{name}.json").read_text())


@pytest.fixture
def tree(data_tree: Path) -> Path:
    """alpha is packaged as flask and beta as django, with a comment to keep."""
    alpha = data_tree / "frameworks" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("package: alpha", "package: flask  # the PyPI name"))
    beta = data_tree / "frameworks" / "beta.yaml"
    beta.write_text(beta.read_text().replace("package: beta", "package: django"))
    return data_tree


def test_derive_reads_the_metadata_as_a_reader_expects():
    django = derive(_meta("django"), "3.11")
    assert django["latest_version"].value == "6.1.3"
    # Django 6 needs Python 3.12: on the tested 3.11 the newest stable release is 5.2.x.
    assert django["installable_version"].value == "5.2.9"
    assert django["requires_python"].value == ">=3.12"
    assert django["license"].value == "BSD-3-Clause"
    # tzdata is Windows-only and the extras are optional: two core dependencies.
    assert django["core_dependencies"].value == 2
    assert django["latest_release_date"].source == "https://pypi.org/project/Django/6.1.3/"
    flask = derive(_meta("flask"), "3.11")
    # importlib-metadata only applies below 3.10; asgiref and python-dotenv are extras.
    assert flask["core_dependencies"].value == 6
    assert derive(_meta("django"), "3.12")["installable_version"].value == "6.1.3"


def test_a_dependency_listed_under_several_markers_counts_once():
    meta = _meta("flask")
    meta["info"]["requires_dist"] = ["eventlet>=0.20.1", 'eventlet>=0.33; python_version >= "3.10"', "Kombu>=4", "kombu>=5"]
    assert derive(meta, "3.11")["core_dependencies"].value == 2


def test_prereleases_are_never_the_installable_version():
    meta = _meta("django")
    meta["releases"]["9.0a1"] = [
        {"filename": "x", "upload_time_iso_8601": "2026-11-01T00:00:00Z", "requires_python": ">=3.8", "yanked": False}
    ]
    assert derive(meta, "3.11")["installable_version"].value == "5.2.9"


def test_yanked_releases_are_skipped():
    meta = _meta("django")
    for f in meta["releases"]["5.2.9"]:
        f["yanked"] = True
    assert derive(meta, "3.11")["installable_version"].value == "5.2.8"


def test_check_lists_without_writing_then_write_fixes(tree: Path):
    before = {p.name: p.read_text() for p in (tree / "frameworks").glob("*.yaml")}
    changes = refresh(tree, write=False, python="3.11", metadata_dir=PYPI, today=TODAY, only=["alpha", "beta"])
    assert {(c.entry, c.fact) for c in changes} >= {("alpha", "latest_version"), ("beta", "installable_version")}
    assert before == {p.name: p.read_text() for p in (tree / "frameworks").glob("*.yaml")}

    refresh(tree, write=True, python="3.11", metadata_dir=PYPI, today=TODAY, only=["alpha", "beta"])
    catalog = load_catalog(tree, today=TODAY)
    assert catalog["beta"].facts["latest_version"].value == "6.1.3"
    assert catalog["beta"].facts["installable_version"].value == "5.2.9"
    assert catalog["beta"].facts["latest_version"].verified == TODAY
    assert catalog["alpha"].facts["latest_release_date"].value == "2026-02-19"
    assert refresh(tree, write=False, python="3.11", metadata_dir=PYPI, today=TODAY, only=["alpha", "beta"]) == []


def test_write_keeps_comments_order_and_untouched_lines(tree: Path):
    path = tree / "frameworks" / "alpha.yaml"
    before = path.read_text()
    refresh(tree, write=True, python="3.11", metadata_dir=PYPI, today=TODAY, only=["alpha"])
    after = path.read_text()
    assert "package: flask  # the PyPI name" in after
    keys = lambda text: re.findall(r"^  (\w+):$", text, flags=re.M)  # noqa: E731
    assert keys(before) == keys(after)
    # Only the managed facts' blocks changed: everything from first_release on is identical.
    assert before[before.index("  first_release:") :] == after[after.index("  first_release:") :]
    assert "&id" not in after and "*id" not in after


def test_missing_facts_are_added_in_schema_order(tree: Path):
    path = tree / "frameworks" / "beta.yaml"
    text = path.read_text()
    for fid in MANAGED:
        text = re.sub(rf"  {fid}:\n(    .*\n)+?(?=  \w)", "", text, count=1)
    path.write_text(text)
    refresh(tree, write=True, python="3.11", metadata_dir=PYPI, today=TODAY, only=["beta"])
    after = re.findall(r"^  (\w+):$", path.read_text(), flags=re.M)
    assert after[: len(MANAGED)] == list(MANAGED)


def test_a_sourced_manual_value_stands_when_metadata_is_silent(tree: Path, tmp_path: Path):
    meta = _meta("flask")
    meta["info"]["license_expression"] = None
    meta["info"]["license"] = ""
    meta["info"]["classifiers"] = ["License :: OSI Approved :: BSD License"]  # which BSD? not said
    (tmp_path / "flask.json").write_text(json.dumps(meta))
    (tmp_path / "django.json").write_text((PYPI / "django.json").read_text())
    path = tree / "frameworks" / "alpha.yaml"
    path.write_text(
        path.read_text().replace(
            "  license:\n    value: MIT\n    source: https://example.org/docs/page",
            "  license:\n    value: BSD-3-Clause\n    source: https://github.com/pallets/flask/blob/main/LICENSE.txt",
        )
    )
    refresh(tree, write=True, python="3.11", metadata_dir=tmp_path, today=TODAY, only=["alpha"])
    license_ = load_catalog(tree, today=TODAY)["alpha"].facts["license"]
    assert (license_.value, license_.source) == ("BSD-3-Clause", "https://github.com/pallets/flask/blob/main/LICENSE.txt")


def test_cli_check_exit_codes(tree: Path, capsys):
    args = ["refresh", "alpha", "--check", "--data", str(tree), "--metadata", str(PYPI), "--python", "3.11"]
    assert main(args) == 1
    assert "alpha: latest_version: out of date ('1.2.0' -> '3.1.3')" in capsys.readouterr().out
    assert main(["refresh", "alpha", "--data", str(tree), "--metadata", str(PYPI), "--python", "3.11"]) == 0
    assert main(args) == 0
    assert "all metadata facts up to date" in capsys.readouterr().out
