"""The benchmark harness, in its quick mode: real wrk, real nginx, a real snippet under its server."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from atlas.cli import main
from atlas.schema import validate
from atlas.yamlsafe import load_yaml


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench") / "quick.yaml"
    assert main(["bench", "--quick", "--output", str(out)]) == 0
    doc = load_yaml(out.read_text(), out.name)
    assert validate(doc, "benchmark", out.name) == []
    return doc.data


def test_quick_run_measures_a_snippet_that_passed_its_contract(quick_run: dict):
    flask = quick_run["frameworks"]["flask"]
    scenario = flask["scenarios"]["hello-json"]
    assert scenario["measured"] and scenario["contract"] == "passed"
    point = scenario["points"][0]
    assert point["rps"]["median"] > 100
    assert not point["has_errors"], point["errors"]
    assert 0 < point["latency_ms"]["p50"] <= point["latency_ms"]["p99"] <= point["latency_ms"]["max"]
    assert point["peak_rss_mb"] > 10 and point["server_cpu_percent"] > 5


def test_ceiling_is_measured_in_the_same_run_and_is_higher(quick_run: dict):
    ceiling = quick_run["ceiling"]["points"][0]["rps"]["median"]
    framework = quick_run["frameworks"]["flask"]["scenarios"]["hello-json"]["points"][0]["rps"]["median"]
    assert ceiling > framework


def test_provenance_names_the_machine_versions_and_commit(quick_run: dict):
    p = quick_run["provenance"]
    assert p["cores"] >= 1 and p["cpu_model"] and p["kernel"] and p["python"].startswith("3.")
    assert len(p["harness_commit"]) >= 40
    assert p["load_generator"]["name"] == "wrk" and p["load_generator"]["keep_alive"] is True
    versions = quick_run["frameworks"]["flask"]["versions"]
    assert "flask" in versions and "gunicorn" in versions
    assert quick_run["frameworks"]["flask"]["cold_start_ms"]["median"] > 0


def test_committed_runs_cover_every_web_framework():
    from atlas.catalog import DATA_DIR, load_catalog

    catalog = load_catalog(DATA_DIR)
    full = [r for r in catalog.benchmarks.values() if r["kind"] == "full"]
    assert full, "no full benchmark run is committed under data/benchmarks/"
    expected = {e.id for e in catalog.of_kinds(("web-framework", "api-toolkit"))}
    assert expected <= set(full[0]["frameworks"])
    hello = [fw["scenarios"]["hello-json"] for fw in full[0]["frameworks"].values()]
    assert all(s["measured"] for s in hello)


def test_results_file_is_plain_yaml(tmp_path: Path):
    # The committed results must load with the project's strict loader (no aliases, no tags).
    from atlas.catalog import DATA_DIR

    for path in (DATA_DIR / "benchmarks").glob("*.yaml"):
        assert "&id" not in path.read_text()
        assert isinstance(yaml.safe_load(path.read_text()), dict)
