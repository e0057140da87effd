"""Every snippet, started as a real server in its framework's environment, meets its task's contract."""

from __future__ import annotations

import re

import pytest

from atlas.catalog import DATA_DIR, load_catalog
from atlas.envs import SNIPPETS_DIR, locked_versions
from atlas.harness import check_snippet, status, variants
from atlas.runner import command_for

CATALOG = load_catalog(DATA_DIR)
#: Kinds that must have all the HTTP tasks (issue: every web framework and API toolkit).
REQUIRED_KINDS = ("web-framework", "api-toolkit")


def _tested(states: tuple[str, ...] = ("tested", "fails")):
    for entry in CATALOG:
        for task in CATALOG.tasks.values():
            if status(CATALOG, entry, task).state in states:
                yield entry, task


def _runs():
    for entry, task in _tested():
        state = status(CATALOG, entry, task)
        # A known failure still runs: strict, so the day it passes the data must change too.
        marks = [pytest.mark.xfail(strict=True, reason=state.reason)] if state.state == "fails" else []
        for broker in variants(entry, task):
            suffix = f"-{broker}" if broker else ""
            yield pytest.param(entry.id, task.id, broker, id=f"{entry.id}-{task.id}{suffix}", marks=marks)


@pytest.mark.parametrize(("framework", "task", "broker"), list(_runs()))
def test_snippet_meets_its_contract(framework: str, task: str, broker: str | None, services):
    failures, log = check_snippet(CATALOG[framework], CATALOG.tasks[task], services, broker)
    assert not failures, "\n".join(map(str, failures)) + f"\n--- server log ---\n{log}"


@pytest.mark.parametrize(("framework", "task"), [pytest.param(e.id, t.id, id=f"{e.id}-{t.id}") for e, t in _tested()])
def test_snippet_header_is_the_command_the_tests_run(framework: str, task: str):
    first = (SNIPPETS_DIR / framework / f"{task}.py").read_text().splitlines()[0]
    assert first.startswith("# Run: "), f"{framework}/{task}.py must start with '# Run: <command>'"
    shown = re.sub(r"^(\w+=\S+ )+", "", first.removeprefix("# Run: "))  # VAR=value prefixes
    assert shown == command_for(CATALOG[framework], task, 8000)


def test_every_framework_covers_every_task_that_applies():
    missing = []
    for entry in CATALOG:
        for task in CATALOG.tasks.values():
            state = status(CATALOG, entry, task)
            exists = (SNIPPETS_DIR / entry.id / f"{task.id}.py").exists()
            if state.state == "n/a":
                assert not exists, f"{entry.id}/{task.id}.py exists but the task does not apply: {state.reason}"
            elif state.state == "missing" and (entry.kind in REQUIRED_KINDS or entry.snippets):
                missing.append(f"{entry.id}/{task.id}")
    assert not missing, f"{len(missing)} snippets missing: {', '.join(missing)}"


def test_queue_snippets_run_against_each_broker_they_declare():
    for entry in CATALOG.of_kinds(("task-queue",)):
        task = CATALOG.tasks["background-job"]
        if status(CATALOG, entry, task).state == "tested":
            assert variants(entry, task) != [None], f"{entry.id} must declare its brokers for background-job"


def test_no_stray_snippet_files():
    for folder in SNIPPETS_DIR.iterdir():
        if not folder.is_dir():
            continue
        assert folder.name in CATALOG.entries, f"snippets/{folder.name} names no entry"
        assert CATALOG[folder.name].snippets, f"data/frameworks/{folder.name}.yaml lacks its snippets: block"
        for py in folder.glob("*.py"):
            assert py.stem in CATALOG.tasks, f"snippets/{folder.name}/{py.name} names no task"


@pytest.mark.parametrize("framework", [e.id for e in CATALOG if e.snippets])
def test_environment_pins_the_framework_and_its_server(framework: str):
    entry = CATALOG[framework]
    pins = locked_versions(framework)
    assert entry.package.lower() in pins, f"{framework}'s lock does not pin {entry.package}"
    server = entry.snippets["server"]
    if server != framework:
        assert CATALOG[server].package.lower() in pins, f"{framework}'s lock does not pin its server {server}"
    requirements = (SNIPPETS_DIR / framework / "requirements.txt").read_text()
    assert all("==" in line for line in requirements.splitlines() if line.strip() and not line.startswith("#")), (
        "requirements.txt pins exact versions (uv backtracks silently otherwise)"
    )


@pytest.mark.parametrize(("framework", "task"), [pytest.param(e.id, t.id, id=f"{e.id}-{t.id}") for e, t in _tested()])
def test_run_line_names_every_environment_variable_the_snippet_reads(framework: str, task: str):
    source = (SNIPPETS_DIR / framework / f"{task}.py").read_text()
    reads = set(re.findall(r"""os\.(?:environ(?:\.get)?\s*[\[(]|getenv\()\s*["']([A-Z_][A-Z0-9_]*)["']""", source))
    shown = set(re.findall(r"(?:^|\s)([A-Z_][A-Z0-9_]*)=\S+", source.splitlines()[0].removeprefix("# Run:")))
    assert reads <= shown, f"the # Run: line should set {sorted(reads - shown)}"
