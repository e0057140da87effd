"""The GitHub side, checked offline: workflows pass actionlint and zizmor (which do fail on a bad
one), every test step runs the README's command, the release and benchmark scripts do what
their inputs say, the issue forms hold what GitHub's form schema requires, and every command
the contributor documents exists."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from atlas.cli import main
from atlas.core.catalog import ROOT, fact_groups
from atlas.core.schema import load_schema

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
BIN = Path(sys.executable).parent
#: The README's test command, the one .ci/run executes.
TEST_COMMAND = "make test"

BAD_WORKFLOW = """\
name: Bad
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
"""


def _workflow(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); name it back.
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _step(workflow: dict, name: str) -> dict:
    return next(s for s in _steps(workflow) if s.get("name") == name)


def _actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BIN / "actionlint", "-no-color", "-shellcheck", BIN / "shellcheck", *paths], capture_output=True, text=True, cwd=ROOT
    )


def _zizmor(*paths: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")}
    return subprocess.run(
        [BIN / "zizmor", "--offline", "--no-progress", "--color", "never", *paths], capture_output=True, text=True, env=env
    )


def test_there_are_the_five_workflows():
    assert [p.name for p in WORKFLOWS] == ["benchmarks.yml", "ci.yml", "python-versions.yml", "refresh.yml", "release.yml"]


def test_actionlint_passes_on_every_workflow():
    proc = _actionlint(*WORKFLOWS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_passes_on_every_workflow():
    proc = _zizmor(*WORKFLOWS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_both_checkers_fail_on_a_bad_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW)
    lint = _actionlint(bad)
    assert lint.returncode == 1 and "potentially untrusted" in lint.stdout
    audit = _zizmor(bad)
    assert audit.returncode != 0
    for finding in ("template-injection", "unpinned-uses", "dangerous-triggers"):
        assert f"[{finding}]" in audit.stdout, audit.stdout


def test_every_action_is_pinned_to_a_commit_with_its_version():
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w-]+/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"{path.name}: {line.strip()}"


def test_test_steps_run_the_readme_command():
    assert re.search(rf"(?m)^{TEST_COMMAND} +# ", (ROOT / "README.md").read_text())
    assert (ROOT / ".ci" / "run").read_text().splitlines()[-1] == f"exec {TEST_COMMAND}"
    for path in WORKFLOWS:
        for step in _steps(_workflow(path)):
            run = step.get("run", "")
            if "pytest" in run or "make test" in run:
                assert run.strip() == TEST_COMMAND, f"{path.name}: {run!r}"
    for name in ("ci.yml", "release.yml"):
        assert _step(_workflow(GITHUB / "workflows" / name), "Test")["run"] == TEST_COMMAND


def test_pull_requests_get_lint_annotations_before_the_tests():
    workflow = _workflow(GITHUB / "workflows" / "ci.yml")
    assert "pull_request" in workflow["on"]
    names = [s.get("name") for s in _steps(workflow)]
    assert names.index("Annotate data problems") < names.index("Test") < names.index("Strict build")
    matcher = re.fullmatch(r'echo "::add-matcher::(.+)"', _step(workflow, "Annotate data problems")["run"].strip())
    assert matcher and (ROOT / matcher[1]).is_file()
    assert _step(workflow, "Strict build")["run"] == "make build"


#: The only jobs that may write, and exactly what: mike pushes gh-pages; the refresh and the
#: Python-versions merge push their branch and open their pull request. Everything else reads.
WRITERS = {
    ("release.yml", "release"): {"contents": "write"},
    ("refresh.yml", "refresh"): {"contents": "write", "pull-requests": "write"},
    ("python-versions.yml", "merge"): {"contents": "write", "pull-requests": "write"},
    ("benchmarks.yml", "merge"): {"contents": "write", "pull-requests": "write"},
}


def test_only_the_release_refresh_and_merge_jobs_may_write():
    for path in WORKFLOWS:
        workflow = _workflow(path)
        assert workflow["permissions"] == {"contents": "read"}, path.name
        for job_id, job in workflow["jobs"].items():
            assert job.get("permissions") == WRITERS.get((path.name, job_id)), (path.name, job_id)


def _script(step: dict, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    script = tmp_path / "step.sh"
    script.write_text(step["run"])
    return subprocess.run(["bash", "-e", str(script)], env=os.environ | env, capture_output=True, text=True, cwd=tmp_path)


@pytest.mark.parametrize(
    ("tag", "version"), [("v2026.11", "2026.11"), ("2027.01", "2027.01"), ("v2026.13", None), ("main", None)]
)
def test_release_version_comes_from_the_tag(tag, version, tmp_path):
    workflow = _workflow(GITHUB / "workflows" / "release.yml")
    patterns = [re.escape(p).replace(r"\[0\-9\]", "[0-9]") for p in workflow["on"]["push"]["tags"]]
    out = tmp_path / "output"
    proc = _script(_step(workflow, "Version from the tag"), {"TAG": tag, "GITHUB_OUTPUT": str(out)}, tmp_path)
    if version:
        assert any(re.fullmatch(p, tag) for p in patterns), f"tag {tag} would not trigger the release"
        assert proc.returncode == 0 and out.read_text() == f"version={version}\n"
        publish = _step(workflow, "Publish with mike")
        assert publish["env"]["VERSION"] == "${{ steps.version.outputs.version }}"
        assert 'make release VERSION="$VERSION"' in publish["run"]
    else:
        assert proc.returncode == 1 and f"tag '{tag}' is not vYYYY.MM" in proc.stdout


@pytest.mark.parametrize(
    ("run_id", "argv"),
    [
        ("2026-12-03", ["bench", "ARGS=--shard 2/4 --run-id 2026-12-03 --output {temp}/shard-2.yaml"]),
        ("2026-12-03-rerun", ["bench", "ARGS=--shard 2/4 --run-id 2026-12-03-rerun --output {temp}/shard-2.yaml"]),
        ("2026-12-03; curl evil", None),
        ("$(id)", None),
    ],
)
def test_benchmark_shards_get_their_part_and_a_safe_run_id(run_id, argv, tmp_path):
    workflow = _workflow(GITHUB / "workflows" / "benchmarks.yml")
    assert set(workflow["on"]["workflow_dispatch"]["inputs"]) == {"run_id"}
    assert workflow["jobs"]["shard"]["strategy"]["matrix"]["shard"] == [1, 2, 3, 4]
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "make").write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$MAKE_ARGS"\n')
    (fake / "make").chmod(0o755)
    calls = tmp_path / "make-args"
    env = {
        "RUN_ID": run_id,
        "SHARD": "2",
        "RUNNER_TEMP": str(tmp_path),
        "MAKE_ARGS": str(calls),
        "PATH": f"{fake}:{os.environ['PATH']}",
    }
    proc = _script(_step(workflow, "Measure the shard"), env, tmp_path)
    if argv is None:
        assert proc.returncode == 1 and "run_id must be a date" in proc.stdout
        assert not calls.exists()
    else:
        assert proc.returncode == 0, proc.stderr
        assert calls.read_text().splitlines() == [a.format(temp=tmp_path) for a in argv]
    upload = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()"
    merge = next(s for s in workflow["jobs"]["merge"]["steps"] if "run" in s)["run"]
    assert "atlas bench merge" in merge and "--allow-missing" in merge


def test_refresh_runs_weekly_and_on_demand_and_proposes_its_changes_as_one_pull_request():
    workflow = _workflow(GITHUB / "workflows" / "refresh.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = (s["cron"] for s in workflow["on"]["schedule"])
    assert re.fullmatch(r"\d+ \d+ \* \* [0-6]", cron), cron  # once a week
    names = [s.get("name") for s in _steps(workflow)]
    order = ["Refresh facts", "Bump pins that fell behind", "Lock and check the re-pinned entries"]
    order += ["Describe the pull request", "Open or update the pull request", "Fail if a re-pinned entry's snippets fail"]
    assert [n for n in names if n in order] == order
    assert _step(workflow, "Refresh facts")["run"].startswith("make refresh ")
    assert "python -m atlas snippets outdated --bump --ids" in _step(workflow, "Bump pins that fell behind")["run"]
    with pytest.raises(SystemExit) as done:  # the command the step runs exists
        main(["snippets", "outdated", "--help"])
    assert done.value.code == 0
    pr = _step(workflow, "Open or update the pull request")
    assert pr["uses"].startswith("peter-evans/create-pull-request@")
    assert pr["with"]["body-path"] == "${{ runner.temp }}/pull-request.md"
    assert pr["with"]["add-paths"].split() == [
        "data/frameworks/*.yaml",
        "snippets/*/requirements.txt",
        "snippets/*/requirements.lock",
    ]
    assert _step(workflow, "Fail if a re-pinned entry's snippets fail")["if"] == "steps.checks.outputs.failed == 'true'"


@pytest.mark.parametrize(
    ("bumped", "lines", "failed"),
    [
        ("", [], "false"),
        ("fastapi\n", ["- `fastapi`: snippets pass"], "false"),
        (
            "fastapi\nbroken\nnolock\n",
            ["- `fastapi`: snippets pass", "- `broken`: **snippets fail**", "- `nolock`: **could not lock**"],
            "true",
        ),
    ],
)
def test_refresh_locks_and_checks_each_re_pinned_entry_and_reports_it(bumped, lines, failed, tmp_path):
    """The check step run for real, with `make` and the project's python standing in: an entry
    whose lock or snippets fail is reported as such, and fails the run after the pull request."""
    workflow = _workflow(GITHUB / "workflows" / "refresh.yml")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "make").write_text("#!/bin/sh\nexit 0\n")
    venv = tmp_path / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "python").write_text(
        '#!/bin/sh\n# -m atlas snippets <lock|check> <id>\necho "$@" >> "$RUNNER_TEMP/calls"\n'
        '[ "$4 $5" = "lock nolock" ] && exit 1\n[ "$4 $5" = "check broken" ] && exit 1\nexit 0\n'
    )
    for tool in (fake / "make", venv / "python"):
        tool.chmod(0o755)
    (tmp_path / "bumped.txt").write_text(bumped)
    (tmp_path / "refresh.txt").write_text("updated 2 fact(s)\n")
    env = {"RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "output"), "PATH": f"{fake}:{os.environ['PATH']}"}
    proc = _script(_step(workflow, "Lock and check the re-pinned entries"), env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = (tmp_path / "checks.md").read_text().splitlines()
    assert len(report) == len(lines) and all(got.startswith(want) for got, want in zip(report, lines, strict=True))
    assert (tmp_path / "output").read_text() == f"failed={failed}\n"
    ids = [i for i in bumped.split() if i != "nolock"]
    calls = (tmp_path / "calls").read_text().splitlines() if bumped else []
    assert [c for c in calls if " check " in c] == [f"-m atlas snippets check {i}" for i in ids]

    assert _script(_step(workflow, "Describe the pull request"), env, tmp_path).returncode == 0
    body = (tmp_path / "pull-request.md").read_text()
    assert "updated 2 fact(s)" in body and all(line in body for line in lines)
    assert lines or "None." in body


# GitHub's issue-form schema: required top-level keys and, per body element, what its type needs.
FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("path", FORMS, ids=[p.stem for p in FORMS])
def test_issue_form_is_valid(path):
    form = yaml.safe_load(path.read_text())
    assert set(form) <= {"name", "description", "title", "labels", "assignees", "body", "projects", "type"}
    for key in ("name", "description"):
        assert isinstance(form[key], str) and form[key].strip(), key
    body = form["body"]
    assert any(item["type"] != "markdown" for item in body), "a form needs at least one non-markdown field"
    ids = [item["id"] for item in body if "id" in item]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    labels = [item["attributes"]["label"] for item in body if item["type"] != "markdown"]
    assert len(labels) == len(set(labels))
    for item in body:
        assert item["type"] in FORM_TYPES
        attrs = item["attributes"]
        if item["type"] == "markdown":
            assert attrs["value"].strip() and "validations" not in item and "id" not in item
            continue
        assert attrs["label"].strip() and "id" in item
        if item["type"] in ("dropdown", "checkboxes"):
            options = [o["label"] if item["type"] == "checkboxes" else o for o in attrs["options"]]
            assert options and len(options) == len(set(options)), item["id"]
            assert all(isinstance(o, str) and o.strip() and o.lower() != "none" for o in options), item["id"]


def _form(name: str) -> dict:
    items = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / f"{name}.yml").read_text())["body"]
    return {item["id"]: item["attributes"] for item in items if "id" in item}


def test_issue_forms_offer_what_the_data_allows():
    kinds = load_schema("framework")["properties"]["kind"]["enum"]
    assert _form("add-framework")["kind"]["options"] == kinds
    facts = [spec.id for _, _, specs in fact_groups().values() for spec in specs]
    assert _form("correct-fact")["fact"]["options"] == facts
    task = load_schema("task")["properties"]
    assert _form("propose-task")["applies_to"]["options"] == task["applies_to"]["items"]["enum"]
    assert _form("propose-task")["services"]["options"] == task["services"]["items"]["enum"]


def _documented_commands(text: str) -> list[list[str]]:
    """Every `python -m atlas ...` and `make ...` in a document's code, as argv up to the first placeholder."""
    commands = []
    for line in re.findall(r"`([^`]+)`", text) + re.findall(r"(?m)^(?:\$ )?((?:\.venv/bin/)?python -m atlas .*|make .*)$", text):
        for m in re.finditer(r"(?:python -m atlas|make)((?: [a-z][a-z-]*)+)", line):
            commands.append([m[0].split()[0], *m[1].split()])
    return commands


@pytest.mark.parametrize("document", ["CONTRIBUTING.md", ".github/pull_request_template.md"])
def test_every_documented_command_exists(document):
    commands = _documented_commands((ROOT / document).read_text())
    assert commands
    targets = set(re.findall(r"(?m)^([a-z][a-z-]*):", (ROOT / "Makefile").read_text()))
    for argv in commands:
        if argv[0] == "make":
            assert argv[1] in targets, f"{document}: make {argv[1]} is not a Makefile target"
            continue
        words = argv[1:]
        with pytest.raises(SystemExit) as done:
            main([*words[:2], "--help"] if words[0] == "snippets" else [words[0], "--help"])
        assert done.value.code == 0, f"{document}: python -m atlas {' '.join(words)} does not exist"


def test_pull_request_code_runs_without_secrets_or_write_access():
    """A pull request's data is built by `make test` on GitHub's runner: only with `pull_request`
    (a fork's run gets no secrets and a read-only token), never `pull_request_target`, no secret
    named, and the checkout keeps no credentials for a later step to use."""
    for path in WORKFLOWS:
        workflow = _workflow(path)
        assert "pull_request_target" not in (workflow["on"] or {}), path.name
        if "pull_request" in (workflow["on"] or {}):
            assert "secrets." not in path.read_text(), path.name
            assert workflow["permissions"] == {"contents": "read"}, path.name
            for step in _steps(workflow):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


def test_python_versions_checks_each_python_in_its_own_job_and_merges_the_shards_into_one_pull_request():
    workflow = _workflow(GITHUB / "workflows" / "python-versions.yml")
    check, merge = workflow["jobs"]["check"], workflow["jobs"]["merge"]
    assert check["strategy"]["fail-fast"] is False
    assert check["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13", "3.14", "3.14t", "3.15"]
    chosen = _step(workflow, "Set up the Python the snippets run on")
    assert chosen["with"] == {"python-version": "${{ matrix.python }}", "allow-prereleases": True}
    run = next(s for s in check["steps"] if "python-versions record" in s.get("run", ""))
    assert run["env"]["ATLAS_SNIPPET_PYTHON"] == "${{ steps.snippet-python.outputs.python-path }}"
    assert '--python "$PYTHON_LABEL"' in run["run"] and run["env"]["PYTHON_LABEL"] == "${{ matrix.python }}"
    upload = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "python-${{ matrix.python }}"
    assert merge["needs"] == "check" and merge["if"] == "${{ !cancelled() }}"
    download = next(s for s in merge["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"]["pattern"] == "python-*" and download["with"]["merge-multiple"] is True
    assert "python-versions merge" in _step(workflow, "Merge the shards into data/python-versions/")["run"]
    pull = _step(workflow, "Open or update the pull request")
    assert pull["with"]["add-paths"].split() == ["data/python-versions/*.yaml"]
