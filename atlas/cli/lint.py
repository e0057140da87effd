"""`python -m atlas lint`: what a contributor sees on a pull request, one line a problem.

The loader already refuses what the schema and the references forbid (non-https sources,
dates in the future, unknown ids) and says so as `file:line: field: message`; the linter
reports those same problems and, once the data loads, adds what a schema cannot see: TODOs
left by `python -m atlas new`, facts gone stale, features marked built in whose detail says
another package provides them, and snippets that are missing, stray, unpinned, or whose
`# Run:` line is not the command the tests run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import canonicalize_name

from atlas.cli.lint_production import TRACING_TASK, tracing_problems
from atlas.cli.refresh import MANAGED
from atlas.core.catalog import DATA_DIR, STALE_AFTER_DAYS, Catalog, Entry, _rel, fact_groups, load_catalog
from atlas.core.kinds import MUST_COVER_KINDS
from atlas.core.snippets import PIN, SNIPPETS_DIR, command_for, locked_versions, status
from atlas.core.yamlsafe import DataError, Problem, dotted

#: Kinds that must have a snippet for every task that applies (the others may have some).
#: `VAR=value ` prefixes a `# Run:` line may put before the command.
_ENV_PREFIX = re.compile(r"^(\w+=\S+ )+")
_ENV_SHOWN = re.compile(r"(?:^|\s)([A-Z_][A-Z0-9_]*)=\S+")
_ENV_READ = re.compile(r"""os\.(?:environ(?:\.get)?\s*[\[(]|getenv\()\s*["']([A-Z_][A-Z0-9_]*)["']""")


@dataclass
class Report:
    """Errors fail the lint; warnings (stale facts) fail it only with --strict."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def lines(self) -> list[str]:
        shown = [str(p) for p in self.errors]
        shown += [str(Problem(p.file, p.line, p.field, f"warning: {p.message}")) for p in self.warnings]
        return shown


def lint(data_dir: Path = DATA_DIR, snippets_dir: Path = SNIPPETS_DIR, today: dt.date | None = None) -> Report:
    """Every problem in data/ and snippets/; the loader's own first, as it reports them."""
    today = today or dt.date.today()
    try:
        catalog = load_catalog(data_dir, today)
    except DataError as exc:
        return Report(errors=exc.problems)
    errors = [*todo_problems(catalog), *built_in_problems(catalog), *snippet_problems(catalog, snippets_dir)]
    return Report(sorted(errors, key=lambda p: (p.file, p.line or 0)), stale_facts(catalog, today))


def todo_problems(catalog: Catalog) -> list[Problem]:
    """Every string that still holds a TODO (the scaffold puts one wherever a person must write)."""
    return [
        Problem(_rel(entry.path), entry.doc.line_of(path), dotted(path), f"still to do: {text.removeprefix('TODO: ')}")
        for entry in catalog
        for path, text in _strings(entry.doc.data, ())
        if "TODO" in text
    ]


def _strings(node: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, path + (index,))
    elif isinstance(node, str):
        yield path, node


# --- "built in" means shipped in the package itself ------------------------------------------------

#: A distribution name as written in prose or in an install line: `sanic-ext`, `Flask-Admin`, `flask[async]`.
_DIST = r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9](?:\[[\w,-]+\])?|[A-Za-z0-9]"
#: Words between a preposition and a name that are not the name ("through the separate X package",
#: "in the core package", "through built-in plugins").
_NOT_NAMES = (
    "the a an its own project's this same core main separate official officially maintained optional "
    "external third-party built-in"
).split()
_QUALIFIERS = rf"(?:(?i:{'|'.join(map(re.escape, _NOT_NAMES))})\s+)*"
#: The name: a proper name of capitalised words ("Sanic Extensions"), or a distribution token.
_NAME = rf"(?!(?i:{'|'.join(map(re.escape, _NOT_NAMES))})\b)(?P<name>(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)|{_DIST})"
_KIND = r"(?i:extensions?|plugins?|add-ons?|packages?|librar(?:y|ies)|dependenc(?:y|ies)|distributions?)\b"
#: Where a detail says a feature comes from: "through X" or "via X" opening it, "from the separate X
#: package", "with the X extension" or "needs the X package" anywhere, "pip install X", or an extra, "X[ext]".
_ATTRIBUTIONS = (
    re.compile(rf"^(?:Through|Via)\s+{_QUALIFIERS}{_NAME}"),
    re.compile(rf"\b(?i:through|via|from|with|using|by|in|needs|requires)\s+{_QUALIFIERS}{_NAME}\s+{_KIND}"),
    re.compile(rf"\bpip install\s+(?P<name>{_DIST})"),
    re.compile(r"\b(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\[[\w,-]+\]"),
)
#: The list refresh writes into a core_dependencies detail: "Requires a, b, c." (then maybe a note).
_REQUIRES = re.compile(r"^Requires (.+?)(?: \(|\.$)")


def _canonical(name: str) -> str:
    name = re.sub(r"\[.*\]$", "", name.strip())
    name = re.sub(r"'s$", "", name)
    return canonicalize_name(re.sub(r"\s+", "-", name))


def _shipped_with(catalog: Catalog, entry: Entry) -> set[str]:
    """Names that are not another package: the entry's own (package, id, name), those of every
    entry it builds on, and its core dependencies (what installing it always installs)."""
    names, todo, seen = set(), [entry.id], set()
    while todo:
        current = catalog.entries.get(todo.pop())
        if current is None or current.id in seen:
            continue
        seen.add(current.id)
        names |= {_canonical(current.package), _canonical(current.id), _canonical(current.name)}
        todo += current.builds_on
    core = entry.facts.get("core_dependencies")
    requires = _REQUIRES.match(core.detail or "") if core else None
    if requires:
        names |= {_canonical(n) for n in requires[1].split(", ")}
    return names


def _own_module(entry: Entry, text: str) -> int | None:
    """Where the detail first names a module of the entry's own package (`aiohttp.test_utils`)."""
    found = re.search(rf"\b{re.escape(entry.package.replace('-', '_').lower())}\.[a-z_]", text)
    return found.start() if found else None


def _other_package(entry: Entry, detail: str, shipped: set[str]) -> str | None:
    """The first package the detail says the feature comes from that is not shipped with the entry."""
    own_at = _own_module(entry, detail)
    for pattern in _ATTRIBUTIONS:
        for m in pattern.finditer(detail):
            name = m["name"]
            if own_at is not None and own_at < m.start():
                continue  # the detail first says where in the package the feature is
            if _canonical(name) in shipped or ("." in name and _canonical(name.split(".")[0]) in shipped):
                continue  # shipped with it, or one of its modules (django.forms)
            return name
    return None


def built_in_problems(catalog: Catalog) -> list[Problem]:
    """A web feature marked true (built in) whose detail says another package provides it: "through
    Sanic Extensions", "with the Flask-Admin extension", "pip install flask-sock". Built in means
    shipped in the package itself; the package's own extras, what it builds on and its core
    dependencies are not another package, and a detail that first names the module of the package
    that provides the feature may then say what else comes from elsewhere."""
    _, _, web = fact_groups()["webFacts"]
    problems = []
    for entry in catalog:
        shipped = _shipped_with(catalog, entry)
        for spec in web:
            fact = entry.facts.get(spec.id)
            if fact is None or fact.value is not True or not fact.detail:
                continue
            name = _other_package(entry, fact.detail, shipped)
            if name:
                problems.append(
                    Problem(
                        _rel(entry.path),
                        entry.doc.line_of(("facts", spec.id, "detail")),
                        f"facts.{spec.id}",
                        f"true (built in), but the detail says it comes from {name!r}, which is not "
                        f"{entry.package}, what it builds on or a core dependency: built in means shipped in "
                        "the package itself, so set it false and say where it comes from, or name the module "
                        f"of {entry.package} that provides it",
                    )
                )
    return problems


def stale_facts(catalog: Catalog, today: dt.date) -> list[Problem]:
    """Facts verified longer ago than the site tolerates: they show as stale until rechecked."""
    warnings = []
    for entry in catalog:
        for fact in entry.facts.values():
            if fact.is_stale(today):
                how = f"run `python -m atlas refresh {entry.id}`" if fact.id in MANAGED else "check it against its source"
                warnings.append(
                    Problem(
                        _rel(entry.path),
                        entry.doc.line_of(("facts", fact.id, "verified")),
                        f"facts.{fact.id}.verified",
                        f"verified {fact.verified}, {(today - fact.verified).days} days ago "
                        f"(stale after {STALE_AFTER_DAYS}): {how} and update the date",
                    )
                )
    return warnings


def snippet_problems(catalog: Catalog, snippets_dir: Path = SNIPPETS_DIR) -> list[Problem]:
    """Every entry that runs snippets has a pinned environment and a snippet per task that
    applies, each opening with the command the tests run; nothing under snippets/ is stray."""
    problems = []
    for entry in catalog:
        problems += _entry_snippets(catalog, entry, snippets_dir)
    problems += _stray(catalog, snippets_dir)
    return problems


def _entry_snippets(catalog: Catalog, entry: Entry, snippets_dir: Path) -> list[Problem]:
    name, folder = _rel(entry.path), snippets_dir / entry.id
    if not entry.snippets:
        if entry.kind in MUST_COVER_KINDS and not folder.is_dir():
            return [
                Problem(
                    name,
                    entry.doc.line_of(("kind",)),
                    "snippets",
                    f"a {entry.kind} runs every task's snippet: add a snippets: block (data/README.md) "
                    f"and its folder snippets/{entry.id}/ (`python -m atlas new` makes both)",
                )
            ]
        return []
    at = entry.doc.line_of(("snippets",))
    problems = _environment(entry, name, at, folder)
    for task in catalog.tasks.values():
        state = status(catalog, entry, task, snippets_dir)
        path = folder / f"{task.id}.py"
        if state.state == "missing":
            problems.append(
                Problem(
                    name,
                    at,
                    "snippets",
                    f"{_rel(path)} is missing: write it to meet data/tasks/{task.id}.yaml, "
                    f"or say why it cannot be done under snippets.not_applicable.{task.id}",
                )
            )
        elif state.state == "n/a" and path.exists():
            problems.append(Problem(_rel(path), None, "", f"the task does not apply here ({state.reason}): delete the file"))
        elif state.state in ("tested", "fails"):
            problems += _run_line(entry, task.id, path)
        if task.id == TRACING_TASK:
            problems += tracing_problems(entry, state.state, snippets_dir)
    return problems


def _environment(entry: Entry, name: str, at: int | None, folder: Path) -> list[Problem]:
    requirements, lock = folder / "requirements.txt", folder / "requirements.lock"
    if not requirements.exists():
        return [Problem(name, at, "snippets", f"{_rel(requirements)} is missing: pin {entry.package} and its server exactly")]
    problems = []
    pins = locked_versions(entry.id, folder.parent)
    if not lock.exists():
        problems.append(Problem(name, at, "snippets", f"{_rel(lock)} is missing: run `python -m atlas snippets lock {entry.id}`"))
    for number, line in enumerate(requirements.read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()
        if "TODO" in text:
            problems.append(Problem(_rel(requirements), number, "requirements", f"still to do: {text}"))
        if not text or text.startswith("#"):
            continue
        pin = PIN.match(text)
        if not pin:
            problems.append(
                Problem(_rel(requirements), number, "requirements", f"'{text}' is not pinned as name==version (uv backtracks)")
            )
        elif lock.exists() and pins.get(_norm(pin[1])) != pin[2]:
            problems.append(
                Problem(
                    _rel(requirements),
                    number,
                    "requirements",
                    f"the lock pins {pin[1]} {pins.get(_norm(pin[1]), 'not at all')}: "
                    f"run `python -m atlas snippets lock {entry.id}`",
                )
            )
    if lock.exists():
        server = entry.snippets["server"]
        needed = {entry.package} | ({server} if server != entry.id else set())
        for package in sorted(needed):
            if _norm(package) not in pins:
                problems.append(Problem(_rel(lock), None, "", f"does not pin {package}: add it to requirements.txt, lock again"))
    return problems


def _norm(name: str) -> str:
    return name.lower().replace("_", "-")


def _run_line(entry: Entry, task_id: str, path: Path) -> list[Problem]:
    source = path.read_text(encoding="utf-8")
    first = source.splitlines()[0] if source else ""
    expected = command_for(entry, task_id, 8000)
    if not first.startswith("# Run: "):
        return [Problem(_rel(path), 1, "run-line", f"the first line must be '# Run: {expected}'")]
    problems = []
    shown = _ENV_PREFIX.sub("", first.removeprefix("# Run: "))
    if shown != expected:
        problems.append(
            Problem(
                _rel(path),
                1,
                "run-line",
                f"says `{shown}` but the tests run `{expected}` ({_rel(entry.path)}, snippets.command)",
            )
        )
    unset = set(_ENV_READ.findall(source)) - set(_ENV_SHOWN.findall(first.removeprefix("# Run:")))
    if unset:
        names = ", ".join(sorted(unset))
        problems.append(Problem(_rel(path), 1, "run-line", f"the snippet reads {names}: set it there (VAR=value)"))
    return problems


def _stray(catalog: Catalog, snippets_dir: Path) -> list[Problem]:
    problems = []
    for folder in sorted(p for p in snippets_dir.iterdir() if p.is_dir()) if snippets_dir.is_dir() else []:
        entry = catalog.entries.get(folder.name)
        if entry is None:
            problems.append(Problem(_rel(folder), None, "", "names no entry (expected data/frameworks/<folder name>.yaml)"))
            continue
        if not entry.snippets:
            problems.append(
                Problem(
                    _rel(entry.path),
                    entry.doc.line_of(("kind",)),
                    "snippets",
                    f"{_rel(folder)}/ exists but this entry has no snippets: block saying how to run it",
                )
            )
        for py in sorted(folder.glob("*.py")):
            if py.stem not in catalog.tasks:
                problems.append(Problem(_rel(py), None, "", "names no task (expected data/tasks/<file name>.yaml)"))
    return problems


def _run(args: argparse.Namespace) -> int:
    report = lint(Path(args.data), Path(args.snippets))
    for line in report.lines():
        print(line)
    failed = bool(report.errors or (args.strict and report.warnings))
    print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)" + (" (warnings fail with --strict)" * args.strict))
    return 1 if failed else 0


def add_parser(sub) -> None:
    p = sub.add_parser("lint", help="check data/ and snippets/: schema, references, TODOs, stale facts, snippets")
    p.add_argument("--data", default=str(DATA_DIR), help="data directory (default: %(default)s)")
    p.add_argument("--snippets", default=str(SNIPPETS_DIR), help="snippets directory (default: %(default)s)")
    p.add_argument("--strict", action="store_true", help="stale facts fail the lint too")
    p.set_defaults(run=_run)
