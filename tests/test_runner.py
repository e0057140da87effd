"""The runner's own failure modes: crash, hang, a server that ignores SIGTERM, orphan workers."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import httpx
import pytest

from atlas.core.catalog import Entry
from atlas.core.yamlsafe import Document
from atlas.harness.runner import SnippetCrashed, SnippetTimeout, group_members, serve

FAKES = Path(__file__).parent / "runner_snippets"
VENV = Path(sys.executable).parent.parent  # the suite's own environment: the fakes need only the stdlib


def _entry() -> Entry:
    return Entry(
        "fake",
        "Fake",
        "web-framework",
        [],
        "fake",
        "",
        {},
        {},
        FAKES / "fake.yaml",
        Document(None),
        {"server": "fake", "command": "python {module}.py {port}"},
    )


def _serve(task: str, **kwargs):
    return serve(_entry(), task, venv=VENV, snippets_dir=FAKES, **kwargs)


def test_a_working_server_is_handed_back_and_stopped():
    with _serve("ok") as running:
        assert httpx.get(running.url + "/anything").json() == {"ok": True}
        pgid = running.pid
    assert group_members(pgid) == []
    with pytest.raises(httpx.ConnectError):
        httpx.get(running.url, timeout=1)


def test_a_crash_at_start_fails_with_the_log_tail():
    with pytest.raises(SnippetCrashed) as caught:
        with _serve("crash"):
            pass
    message = str(caught.value)
    assert "exited with code 3 before answering" in message
    assert "ImportError: cannot import name 'Flsk'" in message


def test_a_server_that_never_answers_times_out_and_is_killed(tmp_path):
    start = time.monotonic()
    with pytest.raises(SnippetTimeout, match=r"did not answer on 127\.0\.0\.1:[0-9]+ within 2 s"):
        with _serve("hang", startup_timeout=2, log_dir=tmp_path):
            pass
    assert time.monotonic() - start < 10
    from atlas.harness.runner import STARTED_GROUPS

    assert group_members(STARTED_GROUPS[-1]) == []


def test_sigterm_is_escalated_and_no_worker_is_orphaned(tmp_path):
    with _serve("stubborn", stop_timeout=1, log_dir=tmp_path) as running:
        deadline = time.monotonic() + 5
        while "worker pid" not in running.log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        worker = int(running.log.read_text().split("worker pid ")[1].split()[0])
        assert len(group_members(running.pid)) == 2
    started = time.monotonic()
    assert group_members(running.pid) == []
    assert not Path(f"/proc/{worker}").exists() or Path(f"/proc/{worker}/stat").read_text().split(") ")[1][0] == "Z"
    assert time.monotonic() - started < 1


def test_env_reaches_the_snippet(tmp_path):
    script = FAKES / "fake" / "ok.py"
    assert script.exists()
    with _serve("ok", env={"ATLAS_PROBE": "1"}, log_dir=tmp_path) as running:
        environ = Path(f"/proc/{running.pid}/environ").read_bytes().split(b"\0")
        assert b"ATLAS_PROBE=1" in environ
        assert any(e.startswith(b"VIRTUAL_ENV=") for e in environ)


def test_json_media_types_include_structured_suffixes():
    from atlas.harness.contract import media_matches

    assert media_matches("application/json; charset=utf-8", "application/json")
    assert media_matches("application/problem+json", "application/json")
    assert not media_matches("text/html; charset=utf-8", "application/json")
    assert not media_matches("application/jsonx", "application/json")
    assert media_matches("text/plain; version=0.0.4; charset=utf-8", "text/plain")


def test_a_server_that_drops_requests_on_sigterm_fails_graceful_shutdown(tmp_path):
    from atlas.core.catalog import DATA_DIR, load_catalog
    from atlas.harness.contract import run_contract

    task = load_catalog(DATA_DIR).tasks["graceful-shutdown"]
    with _serve("slow", log_dir=tmp_path) as running:
        failures = run_contract(task, running)
    assert len(failures) == 1
    assert "the in-flight request failed after SIGTERM" in failures[0].message


def test_a_worker_that_crashes_is_reported(tmp_path):
    entry = _entry()
    entry.snippets = {**entry.snippets, "workers": {"ok": "python crash.py"}}
    with pytest.raises(SnippetCrashed, match="its worker exited with code 3"):
        with serve(entry, "ok", venv=VENV, snippets_dir=FAKES, log_dir=tmp_path):
            pass


def test_standard_output_can_be_captured_on_its_own(tmp_path):
    with _serve("talk", log_dir=tmp_path, capture_stdout=True) as running:
        assert running.stdout.read_text() == '{"stream": "stdout"}\n'
        assert running.log.read_text() == "to standard error\n"
    with _serve("talk", log_dir=tmp_path) as running:  # by default both streams share the log
        assert running.stdout is None
        assert set(running.log.read_text().splitlines()) == {'{"stream": "stdout"}', "to standard error"}
