"""The production tasks' checks can fail: each runs against a deliberately broken snippet, the Flask
reference snippet with one defect written in (a mutation, applied here so the two never drift
apart), as real servers with the real PostgreSQL and upstream, and must fail exactly the steps
the defect breaks."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.core.snippets import SNIPPETS_DIR
from atlas.harness.checks import check_snippet
from atlas.harness.production import Exchange, Production, _check_record
from atlas.site.tasks_render import _describe_step

CATALOG = load_catalog(DATA_DIR)
NO_TRACE = "the upstream received no traceparent header"
NEW_TRACE_STEPS = {
    "a request without traceparent starts a new trace": NO_TRACE,
    "the next one starts another new trace": NO_TRACE,
    "an invalid traceparent (all-zero trace id) is ignored and a new trace starts": NO_TRACE,
}

#: (task, text of the reference snippet, what the broken one has instead, {failing step: message})
BROKEN = [
    pytest.param(
        "health-and-readiness",
        """    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return {"status": "unavailable", "reason": "database unreachable"}, 503
    return {"status": "ready"}""",
        '    return {"status": "ready"}  # broken: the database is never asked',
        {"readiness answers 503 quickly while PostgreSQL is stopped": "status 200, expected 503"},
        id="readiness-ignores-the-database",
    ),
    pytest.param(
        "trace-propagation",
        "HTTPXClientInstrumentor.instrument_client(upstream)",
        "pass  # broken: the outgoing call is not instrumented, so the trace header is dropped",
        {"the caller's trace continues to the upstream": NO_TRACE, **NEW_TRACE_STEPS},
        id="trace-header-dropped",
    ),
    pytest.param(
        "trace-propagation",
        "trace.set_tracer_provider(TracerProvider())",
        "pass  # broken: OpenTelemetry's API without the SDK passes the caller's ids through, starts no trace",
        {"the caller's trace continues to the upstream": "the caller's own parent id", **NEW_TRACE_STEPS},
        id="opentelemetry-api-without-sdk",
    ),
    pytest.param(
        "upstream-resilience",
        "timeout=2.0",
        "timeout=None",  # broken: no deadline
        {"a slow upstream is a 504 within the two-second deadline": "expected within 2.5 s"},
        id="no-timeout",
    ),
    pytest.param(
        "upstream-resilience",
        "stop=stop_after_attempt(3)",
        "stop=stop_after_attempt(1)",  # broken: no retry
        {"a transient failure (503 twice, then 200) is retried with backoff": "status 502, expected 200"},
        id="no-retry",
    ),
    pytest.param(
        "structured-logging",
        'JsonFormatter("{levelname}{message}", style="{", rename_fields={"levelname": "level"}, timestamp=True)',
        'logging.Formatter("{levelname} {message} {method} {path} {status} {request_id}", style="{")',
        {"each request above is one JSON line on standard output": "are not JSON objects, e.g. 'INFO request GET /health 200"},
        id="plain-text-logs",
    ),
]


@pytest.mark.parametrize(("task", "reference", "broken", "failing"), BROKEN)
def test_the_check_fails_on_a_broken_snippet(task: str, reference: str, broken: str, failing: dict[str, str], services, tmp_path):
    source = (SNIPPETS_DIR / "flask" / f"{task}.py").read_text()
    assert source.count(reference) == 1, "the reference snippet changed: update the mutation"
    (tmp_path / "flask").mkdir()
    (tmp_path / "flask" / f"{task}.py").write_text(source.replace(reference, broken))
    failures, log = check_snippet(CATALOG["flask"], CATALOG.tasks[task], services, snippets_dir=tmp_path)
    by_step: dict[str, list[str]] = {}
    for failure in failures:
        by_step.setdefault(failure.step, []).append(failure.message)
    assert set(by_step) == set(failing), f"{failures}\n--- server log ---\n{log}"
    for step, expected in failing.items():
        assert any(expected in message for message in by_step[step]), by_step[step]


def test_the_database_runs_again_after_a_readiness_check(services):
    import psycopg

    check_snippet(CATALOG["flask"], CATALOG.tasks["health-and-readiness"], services)
    with psycopg.connect(services.urls["postgres"], connect_timeout=5) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def _exchange(**changes) -> Exchange:
    values = {
        "method": "GET",
        "path": "/health",
        "status": 200,
        "request_id": "r-1",
        "sent": time.time(),
        "seconds": 0.01,
    }
    return Exchange(**(values | changes))


def _record(**changes) -> dict:
    now = dt.datetime.now(dt.UTC).isoformat()
    values = {"timestamp": now, "level": "info", "method": "GET", "path": "/health", "status": 200}
    return values | {"duration_ms": 2.5, "request_id": "r-1"} | changes


FIELDS = ["timestamp", "level", "method", "path", "status", "duration_ms", "request_id"]


def test_a_good_log_line_passes():
    assert _check_record(_record(), _exchange(), FIELDS) == []
    assert _check_record(_record(timestamp=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())), _exchange(), FIELDS) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"timestamp": dt.datetime.now().isoformat()}, "with a UTC offset"),  # local time, no offset
        ({"timestamp": time.time()}, "is not an ISO 8601"),
        ({"timestamp": "2001-01-01T00:00:00+00:00"}, "more than a minute away"),
        ({"level": 20}, "is not a log level name"),
        ({"status": "200"}, "expected the number 200"),
        ({"path": "/health?x=1"}, "path '/health?x=1'"),
        ({"duration_ms": 2500.0}, "not milliseconds?"),  # microseconds, or a clock in the wrong unit
        ({"duration_ms": True}, "not a non-negative number"),
        ({"request_id": "other"}, "request_id 'other'"),
    ],
)
def test_each_field_of_a_log_line_is_checked(change: dict, message: str):
    problems = _check_record(_record(**change), _exchange(), FIELDS)
    assert len(problems) == 1 and message in problems[0], problems


def test_a_missing_field_is_named():
    record = _record()
    del record["duration_ms"]
    assert _check_record(record, _exchange(), FIELDS) == ["lacks 'duration_ms'"]


@pytest.mark.parametrize(
    ("received", "want", "message"),
    [
        (None, "new", "no traceparent header"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "new", "not a valid version-00 traceparent"),
        ("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "new", "not a valid version-00 traceparent"),
        ("00-00000000000000000000000000000000-00f067aa0ba902b7-01", "new", "not a valid version-00 traceparent"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "new", "not a valid version-00 traceparent"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-05", "new", "undefined trace-flags bits"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01", "new", "already used"),
        ("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "continued", "expected the caller's"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "continued", "the caller's own parent id"),
    ],
)
def test_a_bad_traceparent_at_the_upstream_is_caught(received: str | None, want: str, message: str):
    production = Production(running=None, trace_ids={"4bf92f3577b34da6a3ce929d0e0e4736"})
    caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    problems = production._traceparent(received, want, caller)
    assert any(message in p for p in problems), problems


def test_good_traceparents_at_the_upstream_pass():
    production = Production(running=None)
    caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    continued = "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-03"  # sampled and random (Level 2)
    assert production._traceparent(continued, "continued", caller) == []
    assert production._traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00", "new", None) == []


def test_every_production_step_kind_is_described_in_words():
    words = {"database": "PostgreSQL", "upstream_received": "the upstream", "request_logs": "standard output"}
    seen = set()
    for task in CATALOG.tasks.values():
        for step in task.steps:
            request, expect = _describe_step(step)
            for key, word in words.items():
                if key in step:
                    seen.add(key)
                    assert word in request + expect, (task.id, step["name"])
            if step.get("upstream") == "transient":
                assert "503 twice, then 200" in request
    assert seen == set(words)
