"""`python -m atlas new <id>`: a new entry's files, every field present and every gap a TODO.

A newcomer should not have to learn the schema to start: the scaffold writes each fact of
the entry's kind as an unknown value (null, with a TODO reason), so the file loads and the
site builds from the first minute, while `python -m atlas lint` lists every TODO left, with
its line, until the entry is done.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path

from atlas.cli.refresh import MANAGED
from atlas.core.catalog import DATA_DIR, _rel, fact_groups, facts_for_kind
from atlas.core.kinds import KIND_LABELS
from atlas.core.schema import load_schema
from atlas.core.snippets import SNIPPETS_DIR

#: Kinds whose entries serve HTTP and so get a snippets folder.
WEB_KINDS = tuple(fact_groups()["webFacts"][1])


class ScaffoldError(Exception):
    """The entry cannot be scaffolded as asked (bad id, or files that already exist)."""


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def entry_yaml(entry_id: str, kind: str, name: str, package: str, today: dt.date) -> str:
    """The text of data/frameworks/<id>.yaml: loads and validates, and holds a TODO wherever a person must write."""
    lines = [
        f'# Scaffolded by `python -m atlas new` on {today}. Replace every TODO (CONTRIBUTING.md, "Add a framework");',
        "# `python -m atlas lint` lists what is left as file:line: field: message.",
        f"id: {entry_id}",
        f"name: {_q(name)}",
        f"kind: {kind}",
        "builds_on: []  # ids of the entries this one extends (flask-restful: [flask]); [] if none",
        f"package: {package}",
        "summary: >-",
        f"  TODO: one paragraph in our own words (40 to 1200 characters): what {name} is, what it is for, how it differs.",
        "links:  # https pages of the project itself",
        "  homepage: https://TODO.invalid/homepage",
        "  docs: https://TODO.invalid/docs",
        "  repository: https://TODO.invalid/repository",
        f"  pypi: https://pypi.org/project/{package}/",
        "lifecycle:  # from the package index's release history (data/README.md, Lifecycle)",
        f"  last_release: {today}",
        "  last_version: 'TODO: the newest stable release, with its date above and the count below'",
        "  releases_24_months: 0",
        f"  source: https://pypi.org/project/{package}/#history",
        f"  verified: {today}",
        "facts:",
        "  # Each fact: the value, the https page that states it (source) and the day you read it (verified);",
        "  # or value: null with the reason nobody can know it. Never a guess. data/README.md lists the values.",
    ]
    for spec in facts_for_kind(kind):
        if spec.id in MANAGED:
            todo = f"TODO: `python -m atlas refresh {entry_id}` fills this from the package metadata"
        else:
            todo = f"TODO: {spec.description} Give the value and the page that states it, or why it cannot be known"
        lines += [
            f"  {spec.id}:  # {spec.title}: {spec.description}",
            "    value: null",
            f"    reason: {_q(todo)}",
            f"    verified: {today}",
        ]
    if kind in WEB_KINDS:
        lines += [
            f'# How the tests run the snippets in snippets/{entry_id}/ (data/README.md, "Snippets block").',
            "# TODO: uncomment, then name the production server and the command that serves one snippet:",
            "# snippets:",
            "#   server: uvicorn",
            "#   command: uvicorn --workers {workers} --host 127.0.0.1 --port {port} {module}:app",
        ]
    return "\n".join(lines) + "\n"


def requirements_txt(entry_id: str, name: str, package: str, version: str | None) -> str:
    pin = f"{package}=={version}" if version else f"# TODO: {package}==<version> (its installable_version fact)"
    return (
        f"# The {name} snippets' environment, every line name==version; `python -m atlas snippets lock {entry_id}`\n"
        "# pins it with all it pulls in into requirements.lock.\n"
        f"{pin}\n"
        "# TODO: the server the snippets run under (snippets.server), pinned the same way\n"
    )


def scaffold(
    entry_id: str,
    kind: str,
    name: str,
    package: str,
    *,
    version: str | None = None,
    data_dir: Path = DATA_DIR,
    snippets_dir: Path = SNIPPETS_DIR,
    today: dt.date | None = None,
) -> list[Path]:
    """Write the entry's files and return them; refuse before writing anything if one exists."""
    today = today or dt.date.today()
    defs = load_schema("framework")
    if not re.fullmatch(defs["$defs"]["id"]["pattern"], entry_id):
        raise ScaffoldError(f"'{entry_id}' is not a lowercase slug (letters, digits, single hyphens)")
    if not re.fullmatch(defs["properties"]["package"]["pattern"], package):
        raise ScaffoldError(f"'{package}' is not a PyPI distribution name")
    if kind not in KIND_LABELS:
        raise ScaffoldError(f"kind '{kind}' is not one of {', '.join(KIND_LABELS)}")
    files = {data_dir / "frameworks" / f"{entry_id}.yaml": entry_yaml(entry_id, kind, name, package, today)}
    if kind in WEB_KINDS:
        files[snippets_dir / entry_id / "requirements.txt"] = requirements_txt(entry_id, name, package, version)
    existing = [_rel(p) for p in files if p.exists()]
    if existing:
        raise ScaffoldError(f"{', '.join(existing)} already exists: edit it instead")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def _run(args: argparse.Namespace) -> int:
    try:
        written = scaffold(
            args.id,
            args.kind,
            args.name,
            args.package or args.id,
            version=args.version,
            data_dir=Path(args.data),
            snippets_dir=Path(args.snippets),
        )
    except ScaffoldError as exc:
        print(f"error: {exc}")
        return 1
    for path in written:
        print(f"wrote {_rel(path)}")
    print(f"next: `python -m atlas refresh {args.id}`, replace the TODOs, then `python -m atlas lint` (CONTRIBUTING.md)")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("new", help="scaffold a new entry: its data file (every fact a TODO), for web kinds its snippets folder")
    p.add_argument("id", help="lowercase slug, the file name: data/frameworks/<id>.yaml")
    p.add_argument("--kind", required=True, choices=list(KIND_LABELS))
    p.add_argument("--name", required=True, help="the project's own spelling, e.g. 'FastAPI'")
    p.add_argument("--package", help="PyPI distribution name (default: the id)")
    p.add_argument("--version", help="the release to pin in snippets/<id>/requirements.txt (else a TODO)")
    p.add_argument("--data", default=str(DATA_DIR), help="data directory (default: %(default)s)")
    p.add_argument("--snippets", default=str(SNIPPETS_DIR), help="snippets directory (default: %(default)s)")
    p.set_defaults(run=_run)
