"""`python -m atlas <command>`: the project's tools, one entry point."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.cli import lint, pyversions, refresh, scaffold
from atlas.cli import snippets as snippets_cli
from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.core.yamlsafe import DataError
from atlas.harness import weight
from atlas.harness.bench import run as bench
from atlas.site import export, serve


def _check(args: argparse.Namespace) -> int:
    catalog = load_catalog(Path(args.data))
    print(f"ok: {len(catalog.entries)} entries valid")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every file under data/")
    check.add_argument("--data", default=str(DATA_DIR), help="data directory (default: %(default)s)")
    check.set_defaults(run=_check)
    lint.add_parser(sub)
    scaffold.add_parser(sub)
    export.add_parser(sub)
    serve.add_parser(sub)
    weight.add_parser(sub)
    refresh.add_parser(sub)
    snippets_cli.add_parser(sub)
    pyversions.add_parser(sub)
    bench.add_parser(sub)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1
