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
    # the snippet itself loaded in a fresh interpreter: Flask's imports take tens of milliseconds
    assert 10 < quick_run["frameworks"]["flask"]["import_ms"] < quick_run["frameworks"]["flask"]["cold_start_ms"]["median"]


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


@pytest.fixture(scope="module")
def quick_extras(tmp_path_factory) -> dict:
    """Open loop, WebSocket echo and a task queue, each in its quick form."""
    out = tmp_path_factory.mktemp("bench") / "extras.yaml"
    argv = ["bench", "--quick", "--frameworks", "fastapi", "dramatiq", "--output", str(out)]
    assert main(argv) == 0
    doc = load_yaml(out.read_text(), out.name)
    assert validate(doc, "benchmark", out.name) == []
    return doc.data


def test_open_loop_holds_a_fixed_rate_below_the_peak(quick_extras: dict):
    hello = quick_extras["frameworks"]["fastapi"]["scenarios"]["hello-json"]
    peak = max(p["rps"]["median"] for p in hello["points"])
    (run,) = hello["open_loop"]
    assert run["target_rps"] == pytest.approx(peak * run["fraction_of_peak"], rel=0.01)
    assert run["achieved_rps"] == pytest.approx(run["target_rps"], rel=0.1), run
    assert 0 < run["latency_ms"]["p50"] <= run["latency_ms"]["p99"] <= run["latency_ms"]["max"]


def test_websocket_echo_counts_messages_and_the_client_cost(quick_extras: dict):
    ws = quick_extras["websocket_echo"]["fastapi"]
    assert ws["measured"] and ws["contract"] == "passed"
    assert ws["messages_per_s"]["median"] > 500
    assert ws["client_bound"] == (ws["client_cpu_percent"] >= 90)


def test_queue_jobs_go_through_the_broker_and_all_complete(quick_extras: dict):
    (result,) = quick_extras["queues"]["dramatiq"].values()
    assert result["measured"] and result["contract"] == "passed"
    assert result["jobs"][0] > 50 and result["completed"] == result["jobs"]
    # end to end cannot beat the rate at which jobs were accepted
    assert 0 < result["jobs_per_s"]["median"] <= result["enqueue_rps"]["median"] * 1.05


def test_open_loop_charges_a_stall_to_every_request_it_delayed():
    """A server that stalls 300 ms once: measured from the write, only the two requests in flight
    would look slow; measured from when each was due, every request scheduled during the stall does."""
    import http.server
    import threading
    import time

    from atlas.bench import wrk

    started = time.monotonic()

    class Stalling(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

        def do_GET(self):
            stall_end = started + 1.3
            if started + 1.0 <= time.monotonic() < stall_end:
                time.sleep(stall_end - time.monotonic())
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stalling)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        run = wrk.open_loop(f"http://127.0.0.1:{server.server_port}/", rate=200, connections=2, seconds=2, cpus=None)
    finally:
        server.shutdown()
    # ~60 of ~400 requests fall due during the stall: more than 10% wait tens of milliseconds
    assert run["latency_ms"]["p90"] > 20, run["latency_ms"]
    assert run["latency_ms"]["p50"] < 20, run["latency_ms"]
