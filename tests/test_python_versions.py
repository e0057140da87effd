"""Snippet checks per Python version: shards merge into one data file (a conflict is an error that
names both shards), the loader checks what the file names, and the pages, matrices, exports and API
documents show the result per Python with its run, or "tested on CPython 3.11 only" without one;
and the tested version stands beside the latest wherever a version is shown."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

from atlas.cli import main
from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.core.pyversions import MergeConflict, merge, python_key, shard
from atlas.core.snippets import PYTHON
from atlas.core.yamlsafe import DataError
from atlas.site import api, explore, render, tasks_render
from atlas.site.export import to_csv
from atlas.site.inert import restore
from atlas.site.tables import get_table
from atlas.site.tested import ONLY

RUN_A = {"id": "1001", "url": "https://github.com/example/atlas/actions/runs/1001", "date": "2026-12-01"}
RUN_B = {"id": "1002", "url": "https://github.com/example/atlas/actions/runs/1002", "date": "2026-12-02"}


def _shard(python: str, run: dict, **entries: dict) -> dict:
    implementation = f"CPython {python.rstrip('t')}.0" + (" free-threaded" if python.endswith("t") else "")
    return shard(python, implementation, python.endswith("t"), run, entries)


def _write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# --- shards and the merge ------------------------------------------------------------------------


def test_merging_two_pythons_gives_one_file_the_loader_reads(tmp_path: Path, capsys):
    a = _write(tmp_path / "a.yaml", _shard("3.14t", RUN_B, flask={"tasks": {"hello-json": "failed"}}))
    b = _write(tmp_path / "b.yaml", _shard("3.12", RUN_A, flask={"tasks": {"hello-json": "passed"}}))
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    assert main(["python-versions", "merge", str(a), str(b), str(a), "--data", str(data)]) == 0  # a twice: identical
    written = data / "python-versions" / "2026-12-02-1002.yaml"
    assert f"wrote {written}: Python 3.12, 3.14t" in capsys.readouterr().out
    results = load_catalog(data).python_results
    assert [(p.python, p.free_threaded, p.run_id) for p in results.pythons] == [("3.12", False, "1001"), ("3.14t", True, "1002")]
    assert results.pythons[1].tasks == {"flask": {"hello-json": "failed"}}


def test_a_conflicting_duplicate_is_an_error_naming_both_shards(tmp_path: Path, capsys):
    a = _write(tmp_path / "a.yaml", _shard("3.12", RUN_A, flask={"tasks": {"hello-json": "passed"}}))
    b = _write(tmp_path / "b.yaml", _shard("3.12", RUN_B, flask={"tasks": {"hello-json": "failed"}}))
    out = tmp_path / "merged.yaml"
    assert main(["python-versions", "merge", str(a), str(b), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"Python 3.12 is in both {a} and {b} with different results (runs 1001 and 1002)" in err
    assert not out.exists()
    with pytest.raises(MergeConflict):
        merge([("a", yaml.safe_load(a.read_text())), ("b", yaml.safe_load(b.read_text()))])


def test_a_shard_that_breaks_the_schema_is_refused_at_its_line(tmp_path: Path, capsys):
    bad = _shard("3.12", RUN_A, flask={"tasks": {"hello-json": "passed"}})
    bad["pythons"]["3.12"]["entries"]["flask"]["tasks"]["hello-json"] = "mostly"
    path = _write(tmp_path / "bad.yaml", bad)
    assert main(["python-versions", "merge", str(path), "--out", str(tmp_path / "m.yaml")]) == 1
    assert "bad.yaml:" in capsys.readouterr().err
    with pytest.raises(ValueError, match="unknown outcome"):
        _shard("3.12", RUN_A, flask={"tasks": {"hello-json": "mostly"}})


def test_versions_sort_as_versions_with_free_threaded_after_its_gil_build():
    assert sorted(["3.15", "3.14t", "3.9", "3.11", "3.14"], key=python_key) == ["3.9", "3.11", "3.14", "3.14t", "3.15"]


def test_a_results_file_naming_an_unknown_entry_or_task_is_refused(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    bad = _shard("3.12", RUN_A, nosuch={"tasks": {"hello-json": "passed"}}, flask={"tasks": {"nope": "passed"}})
    merged = merge([("x", bad)])
    _write(data / "python-versions" / f"{merged['id']}.yaml", merged)
    with pytest.raises(DataError) as caught:
        load_catalog(data)
    text = str(caught.value)
    assert "pythons.3.12.entries.nosuch: 'nosuch' names no entry" in text
    assert "pythons.3.12.entries.flask.tasks.nope: 'nope' names no task" in text


# --- what pages show -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def with_results(tmp_path_factory):
    """The real data plus a small results file: flask passes on 3.12 and fails hello-json on 3.14t;
    django's environment does not install on 3.14t."""
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(DATA_DIR, data, dirs_exist_ok=True)
    merged = merge(
        [
            ("a", _shard("3.12", RUN_A, flask={"tasks": {"hello-json": "passed", "websocket-echo": "not-applicable"}})),
            (
                "b",
                _shard(
                    "3.14t",
                    RUN_B,
                    flask={"tasks": {"hello-json": "failed"}},
                    django={"not_installable": "pydantic-core==2.41.5 has no wheel for cp314t <b>x</b>"},
                ),
            ),
        ]
    )
    _write(data / "python-versions" / f"{merged['id']}.yaml", merged)
    return load_catalog(data)


def _shown(markdown: str) -> str:
    """A page body with its inert tokens put back: the HTML the reader gets."""
    return restore(markdown)


def _api_validator() -> jsonschema.Draft202012Validator:
    found = {api.ID_ROOT + path: schema for path, schema in api.schemas().items()}
    registry = Registry().with_resources((i, Resource.from_contents(s)) for i, s in found.items())
    return jsonschema.Draft202012Validator(found[api.ID_ROOT + "api/v1/schemas/entry.schema.json"], registry=registry)


def test_with_results_every_place_shows_each_python_with_its_run(with_results):
    catalog = with_results
    page = _shown(render.framework_page(catalog, "flask", "../../"))
    assert "3.12 ✓" in page and "3.14t ✗ (fails hello-json)" in page
    assert 'href="https://github.com/example/atlas/actions/runs/1002"' in page
    assert ONLY not in page
    django = _shown(render.framework_page(catalog, "django", "../../"))
    assert "3.14t not installable" in django and "&lt;b&gt;x&lt;/b&gt;" in django and "<b>x</b>" not in django
    task = _shown(tasks_render.task_page(catalog, "hello-json", "../../"))
    assert "Python" in task and "3.12 ✓" in task and "3.14t ✗" in task
    legend = _shown(tasks_render.tasks_index(catalog, "../"))
    assert "also checked it on Python" in legend and 'href="https://github.com/example/atlas/actions/runs/1001"' in legend
    assert "also checked on Python 3.12 (run 1001, 2026-12-01)" in get_table(catalog, "task-coverage").description
    document = api.documents(catalog, "2026-12-03T00:00:00Z")["api/v1/entries/flask.json"]
    _api_validator().validate(document)
    tested = document["tested"]
    assert tested["summary"] == "Python 3.12 ✓, 3.14t ✗ (fails hello-json)"
    shown = [(p["python"], p["result"], p["run"]["id"]) for p in tested["pythons"]]
    assert shown == [("3.12", "passed", "1001"), ("3.14t", "failed", "1002")]


def test_without_results_every_place_says_tested_on_3_11_only():
    catalog = load_catalog(DATA_DIR)
    assert catalog.python_results is None and ONLY == f"tested on CPython {PYTHON} only"
    assert ONLY in _shown(render.framework_page(catalog, "flask", "../../"))
    assert ONLY in _shown(tasks_render.framework_snippets(catalog, "flask", "../../"))
    task = _shown(tasks_render.task_page(catalog, "hello-json", "../../"))
    assert task.count('class="atlas-tested"') == task.count(ONLY) > 0  # every framework's tab
    assert ONLY in _shown(tasks_render.tasks_index(catalog, "../"))
    assert ONLY in get_table(catalog, "task-coverage").description  # embeds and downloads say it too
    document = api.documents(catalog, "2026-12-03T00:00:00Z")["api/v1/entries/flask.json"]
    _api_validator().validate(document)
    assert document["tested"]["summary"] == ONLY and document["tested"]["pythons"] == []


# --- tested beside latest ----------------------------------------------------------------------------


def test_the_tested_version_stands_beside_the_latest_with_why_it_lags():
    catalog = load_catalog(DATA_DIR)
    django = catalog["django"]
    latest, pinned = django.facts["latest_version"].value, "5.2.19"
    why = f"the latest needs Python {django.facts['requires_python'].value}"
    page = _shown(render.framework_page(catalog, "django", "../../"))
    assert f"Latest <strong>{latest}</strong>" in page and f"tested with <strong>{pinned}</strong>" in page
    assert "⚠ behind the latest: " + why.replace(">", "&gt;") in page
    task = _shown(tasks_render.task_page(catalog, "hello-json", "../../"))
    assert f"Tested with Django {pinned} (⚠ behind the latest, {latest}: " + why.replace(">", "&gt;") in task
    table = get_table(catalog, "features-web")
    columns = [c.id for c in table.columns]
    assert columns[columns.index("latest_version") + 1] == "tested_version"
    cell = next(r for r in table.rows if r.id == "django").cells["tested_version"]
    assert cell.value == pinned and cell.icon == "⚠" and why in cell.note
    csv = to_csv(table.select(["django", "flask"], ["latest_version", "tested_version"]))
    assert f"{pinned} (behind the latest, {latest}: {why}" in csv
    flask_pin = next(r for r in table.rows if r.id == "flask").cells["tested_version"]
    assert flask_pin.icon is None and flask_pin.value == catalog["flask"].facts["latest_version"].value
    picked = explore.entry_data(catalog, django, {})
    facts = [f["id"] for g in picked["groups"] for f in g["facts"]]
    assert facts[facts.index("latest_version") + 1] == "tested_version"
    document = api.documents(catalog, "2026-12-03T00:00:00Z")["api/v1/entries/django.json"]
    assert document["tested"] | {"pythons": []} == {
        "version": pinned,
        "latest": latest,
        "behind": True,
        "why_behind": f"{why}; the tests run CPython {PYTHON}",
        "summary": ONLY,
        "pythons": [],
    }
    server = api.documents(catalog, "2026-12-03T00:00:00Z")["api/v1/entries/gunicorn.json"]["tested"]
    assert server["version"] and "flask" in server["under"]
    assert json.dumps(server)  # plain data
