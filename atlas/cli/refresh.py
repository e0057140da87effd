"""`python -m atlas refresh`: keep metadata-derived facts in step with the package index.

Hand-editing a version number is how comparison tables go stale; these facts are instead
re-derived from each package's own metadata and written back in place, keeping comments
and key order so the diff shows only what changed. Versions and dates come from the index;
Requires-Python, the core dependencies and the licence from the latest release's own METADATA
file, which the facts then cite (atlas/cli/pypi.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rich.progress import Progress
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from atlas.cli.pypi import (
    INDEX_SOURCES,
    Derived,
    Index,
    LiveIndex,
    NoReleaseMetadata,
    RecordedIndex,
    ReleaseMetadata,
    derive,
    read_release_metadata,
)
from atlas.core.catalog import DATA_DIR, STALE_AFTER_DAYS, load_catalog
from atlas.core.yamlsafe import load_yaml

MANAGED = ("license", "latest_version", "latest_release_date", "requires_python", "installable_version", "core_dependencies")


@dataclass
class _Target:
    id: str
    package: str
    path: Path


@dataclass
class Change:
    entry: str
    fact: str
    old: object
    new: object
    why: str

    def __str__(self) -> str:
        return f"{self.entry}: {self.fact}: {self.why} ({self.old!r} -> {self.new!r})"


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.representer.ignore_aliases = lambda *_: True  # equal dates must not become &id001 anchors
    return y


def _plain(value: object) -> object:
    """Compare YAML dates and ISO strings alike."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _is_manual(fact: dict | None) -> bool:
    return bool(fact) and fact.get("value") is not None and not str(fact.get("source", "")).startswith(INDEX_SOURCES)


def _plan(entry_id: str, facts: CommentedMap, derived: dict[str, Derived], today: dt.date) -> list[Change]:
    changes = []
    for fid in MANAGED:
        new, old = derived[fid], facts.get(fid)
        if new.value is None and _is_manual(old):
            continue  # the metadata is silent; a person's sourced value stands
        if old is None:
            changes.append(Change(entry_id, fid, None, new.value, "missing"))
        elif _plain(old.get("value")) != _plain(new.value):
            changes.append(Change(entry_id, fid, old.get("value"), new.value, "out of date"))
        elif differs := [k for k in ("detail", "reason", "source") if old.get(k) != getattr(new, k)]:
            why = " and ".join(differs) + " changed" + (f": now cites {new.source}" if "source" in differs else "")
            changes.append(Change(entry_id, fid, old.get("value"), new.value, why))
        elif (today - dt.date.fromisoformat(str(old["verified"]))).days > STALE_AFTER_DAYS:
            changes.append(Change(entry_id, fid, old.get("value"), new.value, f"verified over {STALE_AFTER_DAYS} days ago"))
    return changes


def _write_fact(facts: CommentedMap, fid: str, new: Derived, today: dt.date) -> None:
    fact = CommentedMap()
    fact["value"] = dt.date.fromisoformat(new.value) if fid == "latest_release_date" and new.value else new.value
    if new.detail:
        fact["detail"] = new.detail
    if new.reason:
        fact["reason"] = new.reason
    fact["source"] = new.source
    fact["verified"] = dt.date.fromordinal(today.toordinal())
    if fid in facts:
        facts[fid] = fact
    else:
        # Keep the schema's order: managed facts first, in MANAGED order.
        position = sum(1 for f in MANAGED[: MANAGED.index(fid)] if f in facts)
        facts.insert(position, fid, fact)


def refresh(
    data_dir: Path = DATA_DIR,
    *,
    write: bool,
    python: str,
    metadata_dir: Path | None = None,
    today: dt.date | None = None,
    only: list[str] | None = None,
) -> list[Change]:
    """Compare (and with write=True, update) every entry's managed facts; return the changes."""
    today = today or dt.date.today()
    # Only strict parsing here, not the full schema: a new entry lacks these facts until
    # its first refresh. The full check runs on what was written.
    entries = []
    for path in sorted((data_dir / "frameworks").glob("*.yaml")):
        data = load_yaml(path.read_text(encoding="utf-8"), str(path)).data
        if not only or path.stem in only:
            entries.append(_Target(path.stem, data["package"], path))

    def get(entry) -> tuple[dict, ReleaseMetadata | None]:
        index: Index = RecordedIndex(metadata_dir) if metadata_dir else LiveIndex()
        with index:
            meta = index.project(entry.package)
            try:
                return meta, read_release_metadata(index, meta, python)
            except NoReleaseMetadata:
                return meta, None

    metas = {}
    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("Reading package metadata", total=len(entries))
        with ThreadPoolExecutor(max_workers=8) as pool:
            for entry, meta in zip(entries, pool.map(get, entries), strict=True):
                metas[entry.id] = meta
                progress.advance(task)

    y = _yaml()
    changes: list[Change] = []
    for entry in entries:
        meta, release = metas[entry.id]
        derived = derive(meta, python, release)
        doc = y.load(entry.path.read_text(encoding="utf-8"))
        planned = _plan(entry.id, doc["facts"], derived, today)
        changes.extend(planned)
        if write and planned:
            for fid in MANAGED:
                if fid in {c.fact for c in planned}:
                    _write_fact(doc["facts"], fid, derived[fid], today)
            with entry.path.open("w", encoding="utf-8") as fh:
                y.dump(doc, fh)
    if write:
        load_catalog(data_dir, today=today)  # what was written must still validate
    return changes


def _run(args: argparse.Namespace) -> int:
    changes = refresh(
        Path(args.data),
        write=not args.check,
        python=args.python,
        metadata_dir=Path(args.metadata) if args.metadata else None,
        only=args.ids or None,
    )
    for change in changes:
        print(change)
    if args.check:
        values = sum(1 for c in changes if c.why in ("missing", "out of date"))
        print(
            f"{len(changes)} fact(s) out of date: {values} value(s) differ, {len(changes) - values} only in "
            "detail, reason, source or verified date"
            if changes
            else "all metadata facts up to date"
        )
        return 1 if changes else 0
    print(f"updated {len(changes)} fact(s)")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("refresh", help="update facts derived from package metadata")
    p.add_argument("ids", nargs="*", help="only these entries")
    p.add_argument("--check", action="store_true", help="list what is out of date; write nothing; exit 1 if any")
    p.add_argument("--data", default=str(DATA_DIR))
    p.add_argument(
        "--python",
        default=f"{sys.version_info.major}.{sys.version_info.minor}",
        help="CPython version the snippets are tested with (default: this interpreter's)",
    )
    p.add_argument(
        "--metadata",
        help="read responses recorded from the index in this directory instead of the network "
        "(<package>.json, <package>.simple.json, files/<file name>; see tests/data/pypi/)",
    )
    p.set_defaults(run=_run)
