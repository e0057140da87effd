"""Every snippet, started as a real server in its framework's environment, meets its task's contract."""

from __future__ import annotations

import pytest

from atlas.cli.lint import snippet_problems
from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.core.snippets import status, variants
from atlas.harness.checks import check_snippet

CATALOG = load_catalog(DATA_DIR)


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


def test_every_snippet_is_present_pinned_and_shows_the_command_the_tests_run():
    # The rules live in the linter (the pull-request check): a snippet per task that applies,
    # none where it does not, `# Run:` equal to the command the tests run and naming every
    # variable the snippet reads, exact pins, nothing stray. tests/test_lint.py shows each can fail.
    problems = snippet_problems(CATALOG)
    assert not problems, "\n".join(map(str, problems))


def test_queue_snippets_run_against_each_broker_they_declare():
    for entry in CATALOG.of_kinds(("task-queue",)):
        task = CATALOG.tasks["background-job"]
        if status(CATALOG, entry, task).state == "tested":
            assert variants(entry, task) != [None], f"{entry.id} must declare its brokers for background-job"
