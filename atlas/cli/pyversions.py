"""`python -m atlas python-versions ...`: check every entry's snippets on one Python and write the
results as a shard (`record`, one job of the Python-versions workflow's matrix), and combine shards
into the data file the site reads (`merge`). The model and the merge rules are atlas.core.pyversions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml
from rich.console import Console

from atlas.cli.snippets import check_entry
from atlas.core.catalog import DATA_DIR, load_catalog, read_file
from atlas.core.pyversions import MergeConflict, merge, shard
from atlas.core.yamlsafe import DataError
from atlas.harness.envs import NotInstallable, ensure_env, interpreter_info, snippet_python
from atlas.harness.services import Services

console = Console()


def write_yaml(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def _record(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    ids = args.frameworks or [e.id for e in catalog if e.snippets]
    tasks = list(catalog.tasks.values())
    info = interpreter_info()
    console.print(f"snippet interpreter: {info['implementation']} ({snippet_python()})")
    entries: dict[str, dict] = {}
    services = Services()
    try:
        for entry_id in ids:
            entry = catalog[entry_id]
            try:
                ensure_env(entry.id)
            except NotInstallable as exc:
                reason = str(exc).strip().splitlines()
                entries[entry.id] = {"not_installable": "\n".join(reason[-12:])}
                console.print(f"[yellow]not installable[/] {entry.id}: {reason[-1] if reason else ''}", markup=True)
                continue
            entries[entry.id] = {"tasks": check_entry(catalog, entry, tasks, services)}
    finally:
        services.stop()
    run = {"id": args.run_id, "url": args.run_url, "date": args.date}
    if args.commit:
        run["commit"] = args.commit
    data = shard(args.python, info["implementation"], info["free_threaded"], run, entries)
    write_yaml(Path(args.out), data)
    failed = sorted(eid for eid, r in entries.items() if "failed" in r.get("tasks", {}).values())
    console.print(f"wrote {args.out}: {len(entries)} entries, failing on Python {args.python}: {', '.join(failed) or 'none'}")
    return 0  # failures are results, recorded in the file; the workflow fails on none of them


def _merge(args: argparse.Namespace) -> int:
    shards = []
    try:
        for name in args.shards:
            shards.append((name, read_file(Path(name), "python-versions")))
        merged = merge(shards)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except MergeConflict as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = Path(args.out) if args.out else Path(args.data) / "python-versions" / f"{merged['id']}.yaml"
    write_yaml(out, merged)
    print(f"wrote {out}: Python {', '.join(merged['pythons'])}")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("python-versions", help="snippet checks per Python version: record one, merge shards")
    s = p.add_subparsers(dest="action", required=True)
    record = s.add_parser(
        "record",
        help="check snippets with the interpreter ATLAS_SNIPPET_PYTHON names and write one Python's results (a shard)",
    )
    record.add_argument("frameworks", nargs="*", help="entry ids (default: every entry with snippets)")
    record.add_argument("--python", required=True, help="the version as the matrix names it: 3.12, 3.14t")
    record.add_argument("--run-id", required=True, help="the GitHub Actions run id")
    record.add_argument("--run-url", required=True, help="the run's page")
    record.add_argument("--commit", help="the commit checked")
    record.add_argument("--date", default=dt.date.today().isoformat(), help="the run's date (default: today)")
    record.add_argument("--out", required=True, help="the shard file to write")
    record.set_defaults(run=_record)
    merged = s.add_parser("merge", help="combine shards into data/python-versions/<date>-<run id>.yaml")
    merged.add_argument("shards", nargs="+", help="shard files written by `record`")
    merged.add_argument("--data", default=str(DATA_DIR), help="data directory (default: %(default)s)")
    merged.add_argument("--out", help="write here instead of data/python-versions/<id>.yaml")
    merged.set_defaults(run=_merge)
