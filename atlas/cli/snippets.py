"""`python -m atlas snippets ...`: lock a framework's environment, run or check its snippets."""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.progress import Progress

from atlas.core.catalog import load_catalog
from atlas.core.snippets import BROKERS, status, variants
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


def _check(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    entry = catalog[args.framework]
    tasks = [catalog.tasks[t] for t in args.tasks] if args.tasks else list(catalog.tasks.values())
    failed = 0
    ensure_env(entry.id)
    services = Services()
    try:
        with Progress(console=console, transient=True) as progress:
            bar = progress.add_task(f"{entry.id} snippets", total=len(tasks))
            for task in tasks:
                progress.advance(bar)
                state = status(catalog, entry, task)
                if state.state in ("n/a", "irrelevant", "missing"):
                    if state.state != "irrelevant":
                        console.print(f"[yellow]{state.state}[/] {task.id}: {state.reason}", markup=True)
                    continue
                for broker in variants(entry, task):
                    label = f"{task.id} ({broker})" if broker else task.id
                    try:
                        failures, log = check_snippet(entry, task, services, broker)
                    except SnippetError as exc:
                        failed += 1
                        console.print(f"[red]FAIL[/] {label}: {exc}")
                        continue
                    if failures:
                        failed += 1
                        console.print(f"[red]FAIL[/] {label}")
                        for failure in failures:
                            console.print(f"    {failure}", markup=False)
                        console.print(f"    server log:\n{log}", markup=False)
                    else:
                        console.print(f"[green]ok[/]   {label}")
    finally:
        services.stop()
    return 1 if failed else 0


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
