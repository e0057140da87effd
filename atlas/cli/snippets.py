"""`python -m atlas snippets ...`: lock a framework's environment, run or check its snippets, and
list (or bump) the pins that fell behind the data's versions."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from atlas.core.catalog import DATA_DIR, ROOT, Catalog, Entry, Task, load_catalog
from atlas.core.snippets import BROKERS, SNIPPETS_DIR, bump, pins_behind, status, variants
from atlas.harness.checks import check_snippet
from atlas.harness.envs import compile_lock, ensure_env
from atlas.harness.runner import SnippetError, serve
from atlas.harness.services import Services

console = Console()


def _lock(args: argparse.Namespace) -> int:
    for fid in args.frameworks:
        path = compile_lock(fid)
        console.print(f"locked {path}")
    return 0


def _run(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    task = catalog.tasks[args.task]
    services = Services()
    env = task.env | services.env_for([s for s in task.services if s != "upstream"], args.broker)
    with serve(catalog[args.framework], args.task, env=env) as running:
        console.print(f"{args.framework}/{args.task} answers on {running.url} (log: {running.log}); Ctrl-C stops it")
        console.print(f"environment: {env}")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    services.stop()
    return 0


def check_entry(catalog: Catalog, entry: Entry, tasks: list[Task], services: Services) -> dict[str, str]:
    """Run an entry's snippets for these tasks, printing each result; {task id: passed | failed |
    not-applicable} (a task run against several brokers passes only if it passes on each). Its
    environment must be built (ensure_env) first."""
    outcomes: dict[str, str] = {}
    with Progress(console=console, transient=True) as progress:
        bar = progress.add_task(f"{entry.id} snippets", total=len(tasks))
        for task in tasks:
            progress.advance(bar)
            state = status(catalog, entry, task)
            if state.state in ("n/a", "irrelevant", "missing"):
                if state.state != "irrelevant":
                    console.print(f"[yellow]{state.state}[/] {task.id}: {state.reason}", markup=True)
                if state.state == "n/a":
                    outcomes[task.id] = "not-applicable"
                continue
            outcomes[task.id] = "passed"
            for broker in variants(entry, task):
                label = f"{task.id} ({broker})" if broker else task.id
                try:
                    failures, log = check_snippet(entry, task, services, broker)
                except SnippetError as exc:
                    outcomes[task.id] = "failed"
                    console.print(f"[red]FAIL[/] {label}: {exc}")
                    continue
                if failures:
                    outcomes[task.id] = "failed"
                    console.print(f"[red]FAIL[/] {label}")
                    for failure in failures:
                        console.print(f"    {failure}", markup=False)
                    console.print(f"    server log:\n{log}", markup=False)
                else:
                    console.print(f"[green]ok[/]   {label}")
    return outcomes


def _check(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    entry = catalog[args.framework]
    tasks = [catalog.tasks[t] for t in args.tasks] if args.tasks else list(catalog.tasks.values())
    ensure_env(entry.id)
    services = Services()
    try:
        outcomes = check_entry(catalog, entry, tasks, services)
    finally:
        services.stop()
    return 1 if "failed" in outcomes.values() else 0


def _outdated(args: argparse.Namespace) -> int:
    behind = pins_behind(load_catalog(Path(args.data)), Path(args.snippets))
    if args.bump:
        for b in behind:
            bump(b)
    if args.ids:
        for entry_id in dict.fromkeys(b.entry for b in behind):
            print(entry_id)
        return 0
    for b in behind:
        where = f"{b.pin.path.relative_to(ROOT) if b.pin.path.is_relative_to(ROOT) else b.pin.path}:{b.pin.line}"
        verb = "bumped" if args.bump else "pins"
        print(f"{b.entry}: {verb} {b.pin.name} {b.pin.version} -> {b.wanted} ({where}; {b.package_of}'s installable_version)")
    print(f"{len(behind)} pin(s) behind" + (", bumped: lock and check those entries" if args.bump and behind else ""))
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("snippets", help="lock, run and check snippets")
    s = p.add_subparsers(dest="action", required=True)
    lock = s.add_parser("lock", help="pin snippets/<id>/requirements.txt into requirements.lock")
    lock.add_argument("frameworks", nargs="+")
    lock.set_defaults(run=_lock)
    run = s.add_parser("run", help="serve one snippet on a free port until Ctrl-C")
    run.add_argument("framework")
    run.add_argument("task")
    run.add_argument("--broker", choices=BROKERS, help="for background-job: which broker")
    run.set_defaults(run=_run)
    check = s.add_parser("check", help="run a framework's snippets against their contracts")
    check.add_argument("framework")
    check.add_argument("tasks", nargs="*")
    check.set_defaults(run=_check)
    outdated = s.add_parser(
        "outdated",
        help="list the entries whose requirements.txt pins an entry's package below its installable_version",
    )
    outdated.add_argument("--bump", action="store_true", help="rewrite those pins to the installable version")
    outdated.add_argument("--ids", action="store_true", help="print only the entry ids, one a line (for scripts)")
    outdated.add_argument("--data", default=str(DATA_DIR), help="data directory (default: %(default)s)")
    outdated.add_argument("--snippets", default=str(SNIPPETS_DIR), help="snippets directory (default: %(default)s)")
    outdated.set_defaults(run=_outdated)
