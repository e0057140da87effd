"""The benchmark harness, in its quick mode: real wrk, real nginx, a real snippet under its server."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.cli import main
from atlas.core.benchmarks import Run, load_run
from atlas.core.schema import validate
from atlas.core.yamlsafe import load_yaml


def _read(out: Path) -> Run:
    """The file the harness wrote: schema-valid, read by the one reader."""
    doc = load_yaml(out.read_text(), out.name)
    assert validate(doc, "benchmark", out.name) == []
    return load_run(out)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> Run:
    """The contributors' quick profile as they run it (42 s on a quiet machine, so it belongs in `make test`):
    Flask on the common server (Granian, keep-alive) and as deployed (Flask's docs: gunicorn's sync worker),
    three interleaved repeats, with its open-loop latency."""
    out = tmp_path_factory.mktemp("bench") / "quick.yaml"
    assert main(["bench", "--quick", "--output", str(out)]) == 0
    return _read(out)


def _hello(run: Run, kind: str):
    return run.frameworks["flask"].setups[kind].scenarios["hello-json"]


def test_quick_run_measures_each_setup_after_its_contract_in_interleaved_repeats(quick_run: Run):
    for kind in ("common", "as-deployed"):
        scenario = _hello(quick_run, kind)
        assert scenario.measured and scenario.contract == "passed", scenario.reason
        for point in scenario.points:
            assert point.rps.median > 0 and len(point.rps.runs) == 3 and point.rps.spread == "across-repeats"
            assert point.rps.low <= point.rps.median <= point.rps.high
            assert not point.has_errors, point.errors
            assert 0 < point.latency_ms.p50 <= point.latency_ms.p99 <= point.latency_ms.max
            assert point.cpu_us_per_request > 0 and point.peak_rss_mb > 10
        assert [r.fraction_of_peak for r in scenario.open_loop] == [0.5], "the calculator's input, per setup"


def test_keep_alive_parser_and_loop_are_observed_not_assumed(quick_run: Run):
    """Both setups are asked for keep-alive by wrk; only Granian keeps connections open."""
    common, sync = (quick_run.frameworks["flask"].setups[k].observed for k in ("common", "as-deployed"))
    assert common.keep_alive is True and common.connections_per_request < 0.05
    assert sync.keep_alive is False and sync.connections_per_request > 0.9
    assert common.http_parser.startswith("hyper") and "granian/_granian" in common.native_modules
    assert sync.http_parser == "gunicorn's own (Python)" and sync.event_loop.startswith("none")
    assert common.server_version == "2.8.9" and sync.server_version
    assert _hello(quick_run, "as-deployed").points[0].connections_per_request > 0.9


def test_ceiling_and_calibration_are_measured_in_the_same_run(quick_run: Run):
    assert quick_run.ceiling.peak_rps > _hello(quick_run, "common").peak.rps.median
    (shard,) = quick_run.shards
    assert (shard.index, shard.count) == (1, 1) and shard.calibration.reference.startswith("starlette@common")
    assert len(shard.calibration.reference_rps.runs) >= 3  # before, between and after the visits
    assert {"cpu_model", "cores", "governor", "kernel", "nginx", "postgresql", "redis", "rabbitmq"} <= set(shard.fingerprint)
    assert sorted(shard.items) == ["flask@as-deployed", "flask@common"]


def test_provenance_names_the_machine_versions_and_commit(quick_run: Run):
    p = quick_run.provenance
    assert p.cores >= 1 and p.cpu_model and p.kernel and p.python.startswith("3.")
    assert len(p.harness_commit) >= 40 and p.load_average and p.load_average_end
    flask = quick_run.frameworks["flask"]
    assert "flask" in flask.versions and "gunicorn" in flask.versions
    assert flask.cold_start_ms.median > 0
    # the snippet itself loaded in a fresh interpreter: Flask's imports take tens of milliseconds
    assert 10 < flask.import_ms < flask.cold_start_ms.median
    assert quick_run.summary and {"framework", "setup", "scenario", "connections", "rps_median", "rps_low", "rps_high",
                                  "us_per_request", "flags"} <= set(quick_run.summary[0])  # fmt: skip


@pytest.fixture(scope="module")
def quick_extras(tmp_path_factory) -> dict:
    """Open loop, WebSocket echo, idle connections and a task queue, each in its quick form."""
    out = tmp_path_factory.mktemp("bench") / "extras.yaml"
    argv = [
        "bench",
        "--quick",
        "--frameworks",
        "fastapi",
        "dramatiq",
        "--setups",
        "common",
        "--repeats",
        "1",
        "--output",
        str(out),
    ]
    assert main(argv) == 0
    return _read(out)


def test_open_loop_holds_a_fixed_rate_below_the_peak(quick_extras: Run):
    hello = quick_extras.frameworks["fastapi"].setups["common"].scenarios["hello-json"]
    (run,) = hello.open_loop
    assert run.target_rps == pytest.approx(hello.peak.rps.median * run.fraction_of_peak, rel=0.01)
    # A rate the generator could not keep is flagged, never passed off as kept (a loaded machine may fall behind).
    assert run.kept_schedule == (run.achieved_rps >= 0.95 * run.target_rps), run
    assert 0 < run.latency_ms.p50 <= run.latency_ms.p99 <= run.latency_ms.max


def test_websocket_echo_counts_messages_and_the_client_cost(quick_extras: Run):
    ws = quick_extras.websocket_echo["fastapi"]
    assert ws.measured and ws.contract == "passed"
    assert ws.messages_per_s.median > 0
    assert ws.client_bound == (ws.client_cpu_percent >= 90)


def test_idle_connections_are_held_and_counted(quick_extras: Run):
    held = quick_extras.capacity["fastapi"]
    assert held.measured, held.reason
    (step,) = held.steps
    assert step.opened == step.connections == 100 and step.errors == 0


def test_queue_jobs_go_through_the_broker_and_all_complete(quick_extras: Run):
    (result,) = quick_extras.queues["dramatiq"].values()
    assert result.measured and result.contract == "passed"
    # every accepted job completed (how many were accepted depends on the machine's load, not asserted)
    assert result.jobs[0] > 0 and result.completed == result.jobs
    # end to end cannot beat the rate at which jobs were accepted
    assert 0 < result.jobs_per_s.median <= result.enqueue_rps.median * 1.05


def test_open_loop_charges_a_stall_to_every_request_it_delayed():
    """A server that stalls 300 ms once: measured from the write, only the two requests in flight
    would look slow; measured from when each was due, every request scheduled during the stall does."""
    import http.server
    import threading
    import time

    from atlas.harness.bench import wrk

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
