"""The pull-request check: `python -m atlas lint` names each problem as file:line: field: message,
fails on errors, and each of its rules beyond the schema fails on the mistake it is for."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from atlas.cli import main
from atlas.cli.lint import lint
from atlas.core.catalog import ROOT, load_catalog
from atlas.core.yamlsafe import DataError

BAD = Path(__file__).parent / "data" / "bad"
MATCHERS = json.loads((ROOT / ".github" / "matchers" / "atlas.json").read_text())["problemMatcher"]


@pytest.fixture
def tree(tmp_path) -> tuple[Path, Path]:
    """Copies of the real data/ and snippets/, to break."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "snippets", tmp_path / "snippets")
    return tmp_path / "data", tmp_path / "snippets"


def _errors(data: Path, snippets: Path) -> list[str]:
    return [str(p) for p in lint(data, snippets).errors]


def _one(errors: list[str], *parts: str) -> str:
    found = [e for e in errors if all(part in e for part in parts)]
    assert len(found) == 1, f"expected one error with {parts}, got:\n" + "\n".join(errors)
    return found[0]


def test_the_real_data_and_snippets_lint_clean():
    report = lint()
    assert not report.errors, "\n".join(report.lines())


def test_loader_problems_are_reported_as_the_loader_words_them(tree, capsys):
    data, snippets = tree
    shutil.copy(BAD / "http-source.yaml", data / "frameworks")
    with pytest.raises(DataError) as caught:
        load_catalog(data)
    assert main(["lint", "--data", str(data), "--snippets", str(snippets)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert [str(p) for p in caught.value.problems] == printed[:-1]
    assert re.fullmatch(r".*http-source\.yaml:\d+: facts\.\w+\.source: expected an https URL, got .*", printed[0])
    assert printed[-1] == f"{len(caught.value.problems)} error(s), 0 warning(s)"


def test_a_missing_snippet_is_named_with_the_way_out(tree):
    data, snippets = tree
    (snippets / "flask" / "hello-json.py").unlink()
    error = _one(_errors(data, snippets), "hello-json.py is missing")
    assert re.search(r"flask\.yaml:\d+: snippets: .*snippets\.not_applicable\.hello-json", error)


def test_a_snippet_where_the_task_does_not_apply_is_refused(tree):
    data, snippets = tree
    (snippets / "flask" / "background-job.py").write_text("# Run: gunicorn\n")
    _one(_errors(data, snippets), "flask/background-job.py: (file): the task does not apply here (Flask has no in-process")


def test_a_run_line_that_is_not_the_command_the_tests_run(tree):
    data, snippets = tree
    path = snippets / "flask" / "hello-json.py"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(["# Run: gunicorn --bind 127.0.0.1:8000 hello-json:app", *lines[1:]]) + "\n")
    error = _one(_errors(data, snippets), "hello-json.py:1: run-line:")
    assert "but the tests run `gunicorn --workers 1 --bind 127.0.0.1:8000 hello-json:app`" in error
    path.write_text("\n".join(lines[1:]) + "\n")
    _one(_errors(data, snippets), "hello-json.py:1: run-line: the first line must be '# Run: gunicorn --workers 1")


def test_a_run_line_must_set_what_the_snippet_reads(tree):
    data, snippets = tree
    path = snippets / "flask" / "hello-json.py"
    path.write_text(path.read_text() + '\nimport os\nGREETING = os.environ.get("GREETING_TEXT")\n')
    _one(_errors(data, snippets), "hello-json.py:1: run-line: the snippet reads GREETING_TEXT")


def test_environment_pins_exactly_and_matches_its_lock(tree):
    data, snippets = tree
    req = snippets / "flask" / "requirements.txt"
    text = req.read_text()
    req.write_text(text.replace("flask==3.1.3", "flask>=3") + "httpx==0.0.1\n")
    errors = _errors(data, snippets)
    line = text.splitlines().index("flask==3.1.3") + 1
    _one(errors, f"requirements.txt:{line}: requirements: 'flask>=3' is not pinned as name==version")
    _one(errors, "requirements: the lock pins httpx 0.28.1: run `python -m atlas snippets lock flask`")
    (snippets / "flask" / "requirements.lock").unlink()
    _one(_errors(data, snippets), "snippets/flask/requirements.lock is missing: run `python -m atlas snippets lock flask`")


def test_a_tracing_snippet_states_how_it_traces_with_the_locked_versions(tree):
    data, snippets = tree
    entry = data / "frameworks" / "flask.yaml"
    text = entry.read_text()
    entry.write_text(text.replace("opentelemetry-instrumentation-flask==0.66b1", "opentelemetry-instrumentation-flask==0.60b0"))
    error = _one(_errors(data, snippets), "snippets.tracing.packages.1")
    assert "says opentelemetry-instrumentation-flask==0.60b0 but snippets/flask/requirements.lock pins" in error
    assert "opentelemetry-instrumentation-flask 0.66b1" in error
    entry.write_text(text[: text.index("  tracing:")])
    _one(_errors(data, snippets), "flask.yaml", "snippets.tracing: snippets/flask/trace-propagation.py runs: say how it traces")


def test_the_lock_must_pin_the_framework_and_its_server(tree):
    data, snippets = tree
    lock = snippets / "flask" / "requirements.lock"
    lock.write_text(re.sub(r"(?m)^gunicorn==.*\n", "", lock.read_text()))
    (snippets / "flask" / "requirements.txt").write_text("flask==3.1.3\n")
    _one(_errors(data, snippets), "flask/requirements.lock: (file): does not pin gunicorn")


def test_stray_folders_and_files_are_named(tree):
    data, snippets = tree
    (snippets / "nosuch").mkdir()
    (snippets / "flask" / "no-such-task.py").write_text("# Run: x\n")
    (snippets / "gunicorn").mkdir()  # a server: it has no snippets: block
    errors = _errors(data, snippets)
    _one(errors, "snippets/nosuch: (file): names no entry")
    _one(errors, "flask/no-such-task.py: (file): names no task")
    _one(errors, "gunicorn.yaml:3: snippets:", "snippets/gunicorn/ exists but this entry has no snippets: block")


def _age(data: Path, entry: str, fact: str, day: str) -> None:
    path = data / "frameworks" / f"{entry}.yaml"
    text = path.read_text()
    at = text.index(f"  {fact}:")
    end = text.index("verified: ", at)
    path.write_text(text[:end] + re.sub(r"^verified: \S+", f"verified: {day}", text[end:], count=1))


def test_stale_facts_warn_and_fail_only_with_strict(tree, capsys):
    data, snippets = tree
    _age(data, "flask", "first_release", "2025-01-02")
    args = ["lint", "--data", str(data), "--snippets", str(snippets)]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    days = (dt.date.today() - dt.date(2025, 1, 2)).days
    assert re.fullmatch(
        rf".*flask\.yaml:\d+: facts\.first_release\.verified: warning: verified 2025-01-02, {days} days ago "
        r"\(stale after 180\): check it against its source and update the date",
        out[0],
    )
    assert out[-1] == "0 error(s), 1 warning(s)"
    assert main([*args, "--strict"]) == 1


def _matched(line: str) -> list[tuple[str, tuple]]:
    """(severity, (file, line, code, message)) for each problem matcher that takes the line."""
    found = []
    for matcher in MATCHERS:
        pattern = matcher["pattern"][0]
        m = re.match(pattern["regexp"], line)
        if m:
            found.append((matcher["severity"], tuple(m[pattern[k]] for k in ("file", "line", "code", "message"))))
    return found


def test_problem_matcher_turns_lint_lines_into_annotations():
    error = 'data/frameworks/flask.yaml:61: facts.websockets.value: expected true or false, got "yes"'
    assert _matched(error) == [
        ("error", ("data/frameworks/flask.yaml", "61", "facts.websockets.value", 'expected true or false, got "yes"'))
    ]
    warning = "data/frameworks/flask.yaml:52: facts.archived.verified: warning: verified 2025-01-02, 400 days ago"
    assert _matched(warning) == [
        ("warning", ("data/frameworks/flask.yaml", "52", "facts.archived.verified", "verified 2025-01-02, 400 days ago"))
    ]
    assert _matched("snippets/nosuch: (file): names no entry") == [
        ("error", ("snippets/nosuch", None, "(file)", "names no entry"))
    ]
    # ruff's and pytest's own lines are left to their own output.
    assert _matched("atlas/lint.py:12:5: F401 [*] `os` imported but unused") == []
    assert _matched("tests/test_lint.py:40: AssertionError") == []


#: Sanic's openapi fact as it stood before commit eaf9c90 (the feature is in sanic-ext, not in sanic).
SANIC_OPENAPI_BEFORE = (
    "    value: true\n"
    '    detail: "Through Sanic Extensions, the officially maintained plugin installable as the sanic[ext] extra, '
    'which generates an OpenAPI 3 document with Redoc and Swagger UIs."\n'
)


def _set_fact(data: Path, entry: str, fact: str, value: str, detail: str) -> None:
    path = data / "frameworks" / f"{entry}.yaml"
    text = path.read_text()
    block = re.search(rf"(?m)^  {fact}:\n    value: .*\n    detail: .*\n", text)
    path.write_text(text.replace(block[0], f"  {fact}:\n    value: {value}\n    detail: {json.dumps(detail)}\n"))


def test_a_feature_marked_built_in_that_another_package_provides_is_refused(tree):
    data, snippets = tree
    path = data / "frameworks" / "sanic.yaml"
    text = path.read_text()
    now = re.search(r"(?m)^  openapi:\n(    value: false\n    detail: .*\n)", text)
    path.write_text(text.replace(now[1], SANIC_OPENAPI_BEFORE))
    line = path.read_text().splitlines().index("  openapi:") + 3  # the detail's line
    error = _one(_errors(data, snippets), "facts.openapi")
    assert f"frameworks/sanic.yaml:{line}: facts.openapi: true (built in)" in error
    assert "comes from 'Sanic Extensions'" in error and "set it false" in error


@pytest.mark.parametrize(
    "detail",
    [
        "Through the Flask-Sock extension.",
        "With the flask-sock package, which adds @sock.route.",
        "After pip install flask-sock, routes can accept WebSocket connections.",
        "Routes accept WebSocket connections once flask-sock[tornado] is installed.",
        "Needs the separate simple-websocket library.",
    ],
)
def test_every_way_of_naming_another_package_is_caught(tree, detail):
    data, snippets = tree
    _set_fact(data, "flask", "websockets", "true", detail)
    assert "true (built in)" in _one(_errors(data, snippets), "flask.yaml", "facts.websockets")


@pytest.mark.parametrize(
    "detail",
    [
        "Through werkzeug, a core dependency.",  # installed with flask, always
        "With the async extra (pip install flask[async]).",  # the package's own extra
        "flask.sock provides the routes; the pytest fixtures come from the separate pytest-flask package.",  # own module first
        "WebSocket routes in the core package, with third-party packages for more.",
    ],
)
def test_own_package_extras_core_dependencies_and_qualified_details_pass(tree, detail):
    data, snippets = tree
    _set_fact(data, "flask", "websockets", "true", detail)
    assert not [e for e in _errors(data, snippets) if "facts.websockets" in e]
