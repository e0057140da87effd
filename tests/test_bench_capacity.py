"""Connection capacity, quick mode: real idle WebSocket connections held against a real snippet."""

from __future__ import annotations

import pytest

from atlas.core.benchmarks import CapacityResult, _from_dict
from atlas.core.catalog import load_catalog_once
from atlas.harness.bench.capacity import bench_capacity, hold, messages
from atlas.harness.runner import serve


@pytest.fixture(scope="module")
def catalog():
    return load_catalog_once()


def test_a_passing_snippet_holds_every_connection_and_still_echoes(catalog, services):
    data = bench_capacity(catalog["starlette"], catalog, services, ("0", "1"), quick=True)
    assert data["measured"], data.get("reason")
    [step] = data["steps"]
    assert (step["connections"], step["opened"], step["errors"]) == (100, 100, 0)
    assert step["rss_mb"] >= data["baseline_rss_mb"] > 0
    assert data["kb_per_connection"] >= 0
    assert 0 < step["echo_p50_ms"] <= step["echo_p99_ms"]
    assert data["fd_limit"] >= 100
    result = _from_dict(CapacityResult, data)
    assert result.steps[0].opened == 100


def test_a_server_without_websockets_is_not_measured_and_says_why(catalog):
    """hello-json answers HTTP but refuses the handshake at /ws/echo: no figure, a reason."""
    with serve(catalog["starlette"], "hello-json", cpus="0") as running:
        data = hold(running, messages(catalog.tasks["websocket-echo"]), (100,), "1")
    assert data["measured"] is False
    assert "no WebSocket connection opened" in data["reason"] and "rejected" in data["reason"]
    assert _from_dict(CapacityResult, data).steps is None
