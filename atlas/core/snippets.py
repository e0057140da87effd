"""What the data says about snippets, without running any: where they are, which version each
environment pins, the command that serves one, and where each (framework, task) stands.

The site shows these facts and the harness acts on them; both read them here, so a snippet is
described and run from the same command template and judged by the same status.
"""

from __future__ import annotations

import ast
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from atlas.core.catalog import ROOT, Catalog, Entry, Task

SNIPPETS_DIR = ROOT / "snippets"
#: The brokers a snippet can be run against (`snippets.brokers`; the schema's enum names the same).
BROKERS: tuple[str, ...] = ("redis", "rabbitmq", "postgres")
#: The CPython the snippets are tested on (the tests' own interpreter).
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


class NoSnippets(Exception):
    """An entry has no `snippets:` block in its data file."""


# --- environments -----------------------------------------------------------------------------


#: A requirements.txt line that pins one distribution exactly: `name[extras]==version`.
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;#]+)")


@dataclass(frozen=True)
class Pin:
    """One exact pin of snippets/<id>/requirements.txt."""

    path: Path
    line: int  # 1-based
    name: str  # as written
    version: str


def requirement_pins(framework_id: str, snippets_dir: Path = SNIPPETS_DIR) -> list[Pin]:
    path = snippets_dir / framework_id / "requirements.txt"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Pin(path, number, m["name"], m["version"]) for number, line in enumerate(lines, 1) if (m := PIN.match(line.strip()))]


@dataclass(frozen=True)
class Behind:
    """A pin older than the version the data says the tested Python installs."""

    entry: str  # the entry whose snippets pin it
    pin: Pin
    package_of: str  # the entry that package is
    wanted: str  # that entry's installable_version


def pins_behind(catalog: Catalog, snippets_dir: Path = SNIPPETS_DIR) -> list[Behind]:
    """Every snippet pin of a package that is itself an entry (the framework, its server, ...)
    older than that entry's `installable_version`: the newest release whose Requires-Python
    admits the Python the snippets are tested with (not `latest_version`, which may need a newer
    Python: Django 6 on 3.11)."""
    by_package = {canonicalize_name(e.package): e for e in catalog}
    behind = []
    for entry in catalog:
        for pin in requirement_pins(entry.id, snippets_dir):
            owner = by_package.get(canonicalize_name(pin.name))
            fact = owner.facts.get("installable_version") if owner else None
            if not fact or fact.value is None:
                continue
            try:
                newer = Version(str(fact.value)) > Version(pin.version)
            except InvalidVersion:
                continue
            if newer:
                behind.append(Behind(entry.id, pin, owner.id, str(fact.value)))
    return behind


def bump(behind: Behind) -> None:
    """Rewrite the pin's line to the wanted version, keeping its extras and anything after it."""
    lines = behind.pin.path.read_text(encoding="utf-8").splitlines(keepends=True)
    old = lines[behind.pin.line - 1]
    lines[behind.pin.line - 1] = old.replace(f"=={behind.pin.version}", f"=={behind.wanted}", 1)
    behind.pin.path.write_text("".join(lines), encoding="utf-8")


def lock_file(framework_id: str, snippets_dir: Path = SNIPPETS_DIR) -> Path:
    return snippets_dir / framework_id / "requirements.lock"


def locked_versions(framework_id: str, snippets_dir: Path = SNIPPETS_DIR) -> dict[str, str]:
    """{distribution name (lowercase): version} from the framework's lock."""
    lock = lock_file(framework_id, snippets_dir)
    if not lock.exists():
        return {}
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)", lock.read_text(), flags=re.M)
    return {name.lower().replace("_", "-"): version for name, version in pins}


@dataclass(frozen=True)
class PinnedVersion:
    """The version of an entry's package the snippets run (its lock's pin) beside the newest release.

    `via` names the entries whose locks pin it when the entry has no snippets of its own (a server
    is tested under the frameworks it serves). `why` says, when known, why the pin is behind."""

    latest: str | None
    tested: str | None
    behind: bool = False
    why: str | None = None
    via: tuple[str, ...] = ()


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def pinned_version(catalog: Catalog, entry: Entry, snippets_dir: Path = SNIPPETS_DIR) -> PinnedVersion:
    """What the snippets test of the entry's package, against `latest_version`, with why it lags:
    the latest release needs a newer Python than the tests' (its requires_python, from its METADATA),
    or the pin was not bumped to `installable_version` yet."""
    package = canonicalize_name(entry.package)
    fact = entry.facts.get("latest_version")
    latest = str(fact.value) if fact and fact.value is not None else None
    tested = locked_versions(entry.id, snippets_dir).get(package)
    via: tuple[str, ...] = ()
    if tested is None:
        pins = {x.id: v for x in catalog if (v := locked_versions(x.id, snippets_dir).get(package))}
        if pins:
            tested = max(pins.values(), key=lambda v: _version(v) or Version("0"))
            via = tuple(x for x, v in pins.items() if v == tested)
    if tested is None or latest is None:
        return PinnedVersion(latest, tested, via=via)
    newest, pinned = _version(latest), _version(tested)
    if newest is None or pinned is None or pinned >= newest:
        return PinnedVersion(latest, tested, via=via)
    why = None
    needs = entry.facts.get("requires_python")
    installable = entry.facts.get("installable_version")
    try:
        admits = SpecifierSet(str(needs.value)).contains(PYTHON) if needs and needs.value else True
    except InvalidSpecifier:
        admits = True
    if not admits:
        why = f"the latest needs Python {needs.value}; the tests run CPython {PYTHON}"
    elif installable and installable.value and (_version(str(installable.value)) or pinned) > pinned:
        why = f"the pin is not bumped to {installable.value} yet"
    return PinnedVersion(latest, tested, True, why, via)


# --- commands -----------------------------------------------------------------------------------


def command_template(entry: Entry, task_id: str) -> str:
    if not entry.snippets:
        raise NoSnippets(f"{entry.id} has no `snippets:` block in its data file")
    return entry.snippets.get("commands", {}).get(task_id, entry.snippets["command"])


def fill(template: str, **values: object) -> str:
    """A command template with its {placeholders} replaced: only the names given, never str.format
    (which would read attributes such as {port.__class__} from a template in data)."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(), template)


def command_for(entry: Entry, task_id: str, port: int | str = 8000, workers: int = 1) -> str:
    """The shell command a reader runs (shown on the site), with concrete port and workers."""
    return fill(command_template(entry, task_id), module=task_id, port=port, workers=workers)


def worker_command(entry: Entry, task_id: str) -> str | None:
    """The second process a task needs beside the server (a queue worker, another service)."""
    template = (entry.snippets or {}).get("workers", {}).get(task_id)
    return fill(template, module=task_id) if template else None


# --- status ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """Where one (framework, task) stands.

    tested; fails (a known failure, with why: still run, and expected to fail); n/a (with why);
    missing; or irrelevant (the task is not for this kind of entry).
    """

    state: str
    reason: str = ""
    source: str | None = None


def status(catalog: Catalog, entry: Entry, task: Task, snippets_dir: Path = SNIPPETS_DIR) -> Status:
    """`snippets_dir` is another tree's snippets folder (the linter checks scaffolded ones)."""
    if entry.kind not in task.applies_to:
        return Status("irrelevant")
    if task.requires_fact:
        fact = entry.facts.get(task.requires_fact)
        if not fact or fact.value is not True:
            label = task.requires_fact.replace("_", " ")
            why = f"no built-in {label}" if fact and fact.value is False else f"{label} support unverified"
            detail = f" ({fact.detail})" if fact and fact.detail else ""
            return Status("n/a", f"{why}{detail}", fact.source if fact else None)
    not_applicable = (entry.snippets or {}).get("not_applicable", {})
    if task.id in not_applicable:
        return Status("n/a", not_applicable[task.id])
    if not (entry.snippets and (snippets_dir / entry.id / f"{task.id}.py").exists()):
        return Status("missing")
    known = entry.snippets.get("known_failures", {})
    if task.id in known:
        return Status("fails", known[task.id])
    return Status("tested")


def variants(entry: Entry, task: Task) -> list[str | None]:
    """The brokers a snippet is run against (one run each), or [None] for a single run."""
    return list((entry.snippets or {}).get("brokers", {}).get(task.id, [None]))


# --- setup effort -------------------------------------------------------------------------------

_STDLIB = frozenset(sys.stdlib_module_names)


@dataclass(frozen=True)
class Effort:
    """What one snippet asks of its reader: its non-blank, non-comment lines, and the third-party
    packages it imports beyond the framework (and what the framework builds on, and its server).

    Packages are counted by top-level import name, so OpenTelemetry's SDK and its instrumentation
    count once: a proxy for setup and configuration, not a measure of difficulty."""

    lines: int
    packages: tuple[str, ...]


def import_names(entry: Entry) -> set[str]:
    """The top-level modules an entry's own package provides: `snippets.import_names`, else its
    package name as Python spells it (flask-restful -> flask_restful)."""
    names = set((entry.snippets or {}).get("import_names", []))
    return names or {entry.package.lower().replace("-", "_")}


def effort(catalog: Catalog, entry: Entry, task_id: str, snippets_dir: Path = SNIPPETS_DIR) -> Effort | None:
    """The snippet's effort, or None where there is no snippet file."""
    path = snippets_dir / entry.id / f"{task_id}.py"
    if not path.exists():
        return None
    source = path.read_text(encoding="utf-8")
    lines = sum(1 for line in source.splitlines() if line.strip() and not line.strip().startswith("#"))
    own = set(import_names(entry))
    for other in [*entry.builds_on, (entry.snippets or {}).get("server")]:
        if other and other in catalog.entries:
            own |= import_names(catalog[other])
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        for module in modules:
            top = module.split(".")[0]
            if top not in _STDLIB and top not in own and top not in found and top != "__future__":
                found.append(top)
    return Effort(lines, tuple(sorted(found)))


def passed_efforts(catalog: Catalog, entry: Entry) -> dict[str, Effort]:
    """{task id: effort} for the tasks whose snippet passes its contract (`tested`)."""
    out = {}
    for task in catalog.tasks.values():
        if status(catalog, entry, task).state == "tested" and (found := effort(catalog, entry, task.id)):
            out[task.id] = found
    return out


def median_effort(catalog: Catalog, entry: Entry) -> tuple[float, float, int] | None:
    """(median lines, median packages, tasks counted) over the tasks the entry passes."""
    found = passed_efforts(catalog, entry)
    if not found:
        return None
    return (
        statistics.median(e.lines for e in found.values()),
        statistics.median(len(e.packages) for e in found.values()),
        len(found),
    )
