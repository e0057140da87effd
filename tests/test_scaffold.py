"""`python -m atlas new`: a newcomer's entry loads at once, the linter lists every gap, and once
the gaps are filled the entry is on the site, with no code touched."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from atlas.cli import main
from atlas.cli.lint import lint
from atlas.cli.refresh import MANAGED, refresh
from atlas.cli.scaffold import ScaffoldError, scaffold
from atlas.core.catalog import ROOT, facts_for_kind, load_catalog
from tests.conftest import TEST_DATA, build_site
from tests.htmlscan import Page

TODAY = dt.date.today()


@pytest.fixture
def tree(tmp_path) -> tuple[Path, Path]:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "snippets", tmp_path / "snippets")
    return tmp_path / "data", tmp_path / "snippets"


def test_a_scaffolded_entry_loads_and_the_lint_lists_every_gap(tree):
    data, snippets = tree
    written = scaffold("flask-twin", "web-framework", "Flask Twin", "flask", data_dir=data, snippets_dir=snippets)
    assert written == [data / "frameworks" / "flask-twin.yaml", snippets / "flask-twin" / "requirements.txt"]
    entry = load_catalog(data)["flask-twin"]
    specs = facts_for_kind("web-framework")
    assert list(entry.facts) == [s.id for s in specs]  # every fact, in the schema's order
    assert all(f.value is None and f.reason.startswith("TODO: ") and f.verified == TODAY for f in entry.facts.values())
    errors = lint(data, snippets).errors
    assert all(e.file.endswith("flask-twin.yaml") for e in errors), errors
    fields = {e.field for e in errors}
    assert fields == {"summary", "links.homepage", "links.docs", "links.repository", "lifecycle.last_version", "snippets"} | {
        f"facts.{s.id}.reason" for s in specs
    }
    by_field = {e.field: e for e in errors}
    # Each at its own line, in the words a newcomer can act on.
    assert by_field["facts.first_release.reason"].line == entry.doc.line_of(("facts", "first_release", "reason"))
    assert by_field["facts.license.reason"].message == (
        "still to do: `python -m atlas refresh flask-twin` fills this from the package metadata"
    )
    assert "exists but this entry has no snippets: block" in by_field["snippets"].message
    requirements = (snippets / "flask-twin" / "requirements.txt").read_text()
    assert "# TODO: flask==<version>" in requirements


def test_a_task_queue_gets_no_snippets_folder(tree):
    data, snippets = tree
    assert scaffold("queue-twin", "task-queue", "Queue Twin", "celery", data_dir=data, snippets_dir=snippets) == [
        data / "frameworks" / "queue-twin.yaml"
    ]
    fields = {e.field for e in lint(data, snippets).errors}
    assert {f"facts.{s.id}.reason" for s in facts_for_kind("task-queue")} <= fields
    assert "snippets" not in fields


def test_scaffold_refuses_to_overwrite_and_bad_ids(tree, capsys):
    data, snippets = tree
    before = (data / "frameworks" / "flask.yaml").read_text()
    args = ["new", "flask", "--kind", "web-framework", "--name", "Flask", "--data", str(data), "--snippets", str(snippets)]
    assert main(args) == 1
    assert "flask.yaml, " in capsys.readouterr().out  # both files named
    assert (data / "frameworks" / "flask.yaml").read_text() == before
    with pytest.raises(ScaffoldError, match="not a lowercase slug"):
        scaffold("Flask_2", "web-framework", "F", "f", data_dir=data, snippets_dir=snippets)
    with pytest.raises(ScaffoldError, match="kind 'web' is not one of"):
        scaffold("f2", "web", "F", "f", data_dir=data, snippets_dir=snippets)
    assert not (data / "frameworks" / "f2.yaml").exists()


def _fill_from(path: Path, model: Path) -> None:
    """What the newcomer types: every TODO replaced (here by Flask's real values, the package being flask)."""
    yaml = YAML()
    doc, flask = yaml.load(path.read_text()), yaml.load(model.read_text())
    doc["summary"], doc["links"], doc["lifecycle"] = flask["summary"], flask["links"], flask["lifecycle"]
    for fid, fact in doc["facts"].items():
        if str(fact.get("reason", "")).startswith("TODO"):
            doc["facts"][fid] = flask["facts"][fid]
    doc["snippets"] = flask["snippets"]
    with path.open("w") as out:
        yaml.dump(doc, out)


def test_a_newcomer_adds_a_framework_and_sees_it_on_the_site(tree, tmp_path):
    data, snippets = tree
    # 1. scaffold, with the version to pin
    scaffold("flask-twin", "web-framework", "Flask Twin", "flask", version="3.1.3", data_dir=data, snippets_dir=snippets)
    # 2. the metadata facts from the package index (here: its recorded answer)
    changes = refresh(data, write=True, python="3.11", metadata_dir=TEST_DATA / "pypi", only=["flask-twin"])
    assert {c.fact for c in changes} == set(MANAGED)
    # 3. the other facts, summary, links and snippets block by hand
    _fill_from(data / "frameworks" / "flask-twin.yaml", ROOT / "data" / "frameworks" / "flask.yaml")
    # 4. a snippet per task, the environment and its lock
    folder = snippets / "flask-twin"
    for source in (snippets / "flask").iterdir():
        if source.suffix == ".py" or source.name.startswith("requirements"):
            shutil.copy(source, folder / source.name)
    assert [str(p) for p in lint(data, snippets).errors] == []
    # 5. on the site: its page, the compare matrix, the task coverage, the index
    site = tmp_path / "site"
    build_site(site, data)
    page = Page((site / "frameworks" / "flask-twin" / "index.html").read_text())
    assert "Flask Twin" in " ".join(page.text)
    assert "https://flask.palletsprojects.com/en/stable/deploying/" in page.links
    compare = Page((site / "compare" / "index.html").read_text())
    assert "flask-twin" in [r["attrs"].get("data-id") for r in compare.rows]
    for listing in ("tasks/index.html", "frameworks/index.html", "index.html"):
        assert any(link.endswith("frameworks/flask-twin/") for link in Page((site / listing).read_text()).links), listing
    # 6. in the embeds and downloads of its matrices, and in the command-line export
    embed = Page((site / "embed" / "features-web" / "index.html").read_text())
    assert "flask-twin" in [r["attrs"].get("data-id") for r in embed.rows]
    coverage = Page((site / "embed" / "task-coverage" / "index.html").read_text())
    assert "flask-twin" in [r["attrs"].get("data-id") for r in coverage.rows]
    assert "Flask Twin" in (site / "downloads" / "features-web.csv").read_text()
    # 7. no benchmark run is needed: the newest run predates it, and its benchmark rows say so
    bench = Page((site / "embed" / "benchmarks-hello-json" / "index.html").read_text())
    row = next(r for r in bench.rows if r["attrs"].get("data-id") == "flask-twin")
    assert "not measured yet" in row["cells"][1], row
    out = subprocess.run(
        [sys.executable, "-m", "atlas", "export", "features-web", "--frameworks", "flask-twin", "--format", "markdown"],
        capture_output=True, text=True, env=os.environ | {"ATLAS_DATA": str(data)}, cwd=ROOT, check=True,
    ).stdout  # fmt: skip
    assert "| [Flask Twin]" in out or "| Flask Twin" in out, out[:300]
