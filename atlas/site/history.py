"""What changed in data/: the git history of the data files, read when the site is built.

The source of every change feed and of the /changes/ pages is the repository's own history, not a
changelog kept by hand: a commit that touches `frameworks/<id>.yaml`, `tasks/`, `claims/` or
`benchmarks/` under the data folder is a change, with its commit date, its subject and the files it
added, modified or deleted (merges are left out: the commits they bring in are listed themselves).

Reading it starts one read-only `git` process per question (argument lists, no shell, a timeout,
nothing fetched). The build never fails for want of history: without git, outside a repository
(a tarball, or the tests' temporary data trees) or in a shallow clone, `read_history()` returns
what is known with `complete=False` and a sentence saying what is missing, and the pages and feeds
say so. The commits at a shallow clone's boundary are dropped: git shows them as adding every file,
which would be false.

Releases are mike deployments in the `gh-pages` branch (`make release`): mike writes each one as a
commit "Deployed <commit> to <version> ...", so the source commit of every earlier release is
known without a file of our own. A release's changes are the data commits reachable from this build
and not from the previous release's source commit (`git log <previous>..HEAD`): defined by commits,
not dates, because a fact is verified on one day and committed on another.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

#: The folders (and file pattern) under the data folder whose changes are listed.
TRACKED = ("frameworks", "tasks", "claims", "benchmarks")
#: mike's branch and the remote copy a fresh clone has.
RELEASE_BRANCHES = ("gh-pages", "origin/gh-pages")
_TIMEOUT = 60
_DEPLOYED = re.compile(r"^Deployed (?P<rev>[0-9a-f]{4,40}) to (?P<version>\S+?)(?: in \S+)? with ")
_STATUS = {"A": "added", "M": "modified", "D": "deleted", "T": "modified"}


@dataclass(frozen=True)
class FileChange:
    status: str  # added | modified | deleted
    path: str  # relative to the data folder: frameworks/flask.yaml

    @property
    def entry_id(self) -> str | None:
        """The entry this file is, for data/frameworks/<id>.yaml."""
        folder, _, name = self.path.partition("/")
        return name[: -len(".yaml")] if folder == "frameworks" and name.endswith(".yaml") and "/" not in name else None


@dataclass(frozen=True)
class Change:
    commit: str  # the full hash
    date: dt.datetime  # the commit date, with its offset
    subject: str
    files: tuple[FileChange, ...]

    @property
    def short(self) -> str:
        return self.commit[:12]

    def touches_entry(self, entry_id: str) -> bool:
        return any(f.entry_id == entry_id for f in self.files)


@dataclass(frozen=True)
class History:
    changes: list[Change] = field(default_factory=list)  # newest first
    complete: bool = False
    #: Why the history is incomplete (empty when it is complete).
    note: str = ""


@dataclass(frozen=True)
class Release:
    version: str
    commit: str  # the source commit mike deployed it from, as mike wrote it (short)
    date: dt.datetime | None  # that commit's date, when this repository has the commit


@dataclass(frozen=True)
class ReleaseChanges:
    """The data changes between the previous release and this build."""

    current: str | None  # the version being built (MIKE_DOCS_VERSION), None for an unreleased build
    previous: Release | None
    changes: list[Change]
    #: Why the comparison could not be made, or is partial (empty when it is complete).
    note: str = ""


class _NoGit(Exception):
    pass


def _git(cwd: Path, *args: str) -> str:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _NoGit(f"git could not be run ({exc.__class__.__name__})") from None
    if proc.returncode != 0:
        first = proc.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise _NoGit(f"git {args[0]} failed: {first[0] if first else proc.returncode}")
    return proc.stdout.decode("utf-8", "replace")


def _repository(data_dir: Path) -> tuple[Path, str]:
    """(the repository's top folder, the data folder relative to it); raises _NoGit outside one."""
    if not data_dir.is_dir():
        raise _NoGit(f"{data_dir} is not a folder")
    top = Path(_git(data_dir, "rev-parse", "--show-toplevel").strip())
    rel = data_dir.resolve().relative_to(top.resolve()).as_posix()
    return top, "" if rel == "." else rel + "/"


def _parse(out: str, prefix: str, dropped: set[str]) -> list[Change]:
    changes = []
    for record in out.split("\x1e")[1:]:
        header, _, rest = record.partition("\0")
        parts = header.split("\x1f")
        if len(parts) != 3 or parts[0] in dropped:
            continue
        commit, date, subject = parts
        fields = [x for x in rest.lstrip("\n").split("\0") if x]
        files = []
        for status, path in zip(fields[::2], fields[1::2], strict=False):
            if path.startswith(prefix):
                files.append(FileChange(_STATUS.get(status[:1], "modified"), path[len(prefix) :]))
        try:
            when = dt.datetime.fromisoformat(date)
        except ValueError:
            continue
        changes.append(Change(commit, when, subject, tuple(files)))
    return changes


def _log(top: Path, prefix: str, revisions: list[str], dropped: set[str]) -> list[Change]:
    out = _git(
        top,
        "log",
        "--no-merges",
        "--no-renames",
        "--format=%x1e%H%x1f%cI%x1f%s",
        "--name-status",
        "-z",
        *revisions,
        "--",
        *(f"{prefix}{folder}" for folder in TRACKED),
    )
    return _parse(out, prefix, dropped)


def _shallow_boundary(top: Path) -> set[str]:
    """The commits whose parents a shallow clone lacks (empty for a full clone)."""
    if _git(top, "rev-parse", "--is-shallow-repository").strip() != "true":
        return set()
    path = Path(_git(top, "rev-parse", "--git-path", "shallow").strip())
    path = path if path.is_absolute() else top / path
    return set(path.read_text(encoding="ascii").split()) if path.exists() else set()


def read_history(data_dir: Path) -> History:
    """Every change to the tracked data files that this build's repository knows, newest first."""
    try:
        top, prefix = _repository(data_dir)
        boundary = _shallow_boundary(top)
        changes = _log(top, prefix, ["HEAD"], boundary)
    except _NoGit as exc:
        return History([], False, f"The git history of the data was not available to this build ({exc}).")
    except ValueError:  # the data folder is outside the repository git found
        return History([], False, "The data folder is not part of the repository this build ran in.")
    if boundary:
        oldest = min((c.date for c in changes), default=None)
        since = f" since {oldest.date().isoformat()}" if oldest else ""
        return History(changes, False, f"This build was made from a shallow clone: only changes{since} are known.")
    return History(changes, True, "")


def _version_key(version: str) -> tuple:
    """YYYY.MM (and other dotted numbers) compared as numbers; anything else after them, by text."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in version.split("."))


def previous_release(data_dir: Path, current: str | None) -> Release | None:
    """The newest release older than `current` (any release when building an unreleased site) that
    mike deployed into gh-pages, with the source commit it was built from; None if there is none."""
    try:
        top, _prefix = _repository(data_dir)
        for branch in RELEASE_BRANCHES:
            try:
                versions = json.loads(_git(top, "show", f"{branch}:versions.json"))
            except (_NoGit, ValueError):
                continue
            names = [v["version"] for v in versions if isinstance(v, dict) and isinstance(v.get("version"), str)]
            older = [v for v in names if v != current and (current is None or _version_key(v) < _version_key(current))]
            if not older:
                return None
            version = max(older, key=_version_key)
            for line in _git(top, "log", "--format=%s", branch).splitlines():
                found = _DEPLOYED.match(line)
                if found and found["version"] == version:
                    return Release(version, found["rev"], _commit_date(top, found["rev"]))
            return Release(version, "", None)
    except _NoGit:
        return None
    return None


def _commit_date(top: Path, rev: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(_git(top, "show", "-s", "--format=%cI", f"{rev}^{{commit}}").strip())
    except (_NoGit, ValueError):
        return None


def release_changes(data_dir: Path, current: str | None) -> ReleaseChanges:
    """The data changes since the previous release: commits in <its source commit>..HEAD."""
    previous = previous_release(data_dir, current)
    if previous is None:
        return ReleaseChanges(current, None, [], "No earlier release was found in the gh-pages branch.")
    if not previous.commit or previous.date is None:
        what = f"commit {previous.commit}" if previous.commit else "the commit it was built from"
        note = (
            f"Release {previous.version} was found, but {what} is not in this build's history: the changes since it are unknown."
        )
        return ReleaseChanges(current, previous, [], note)
    try:
        top, prefix = _repository(data_dir)
        changes = _log(top, prefix, [f"{previous.commit}..HEAD"], _shallow_boundary(top))
    except (_NoGit, ValueError) as exc:
        return ReleaseChanges(current, previous, [], f"The history since release {previous.version} could not be read ({exc}).")
    return ReleaseChanges(current, previous, changes, "")
