"""`python -m atlas snippets ...`: lock a framework's environment, run or check its snippets."""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.progress import Progress

from .catalog import load_catalog
from .contract import run_contract
from .envs import compile_lock, ensure_env
from .runner import SnippetError, serve

console = Console()


def _lock(args: argparse.Namespace) -> int:
    for fid in args.frameworks:
        path = compile_lock(fid)
        console.print(f"locked {path}")
    return 0


def _run(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    task = catalog.tasks[args.task]
    with serve(catalog[args.framework], args.task, env=task.env) as running:
        console.print(f"{args.framework}/{args.task} answers on {running.url} (log: {running.log}); Ctrl-C stops it")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


def _check(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    entry = catalog[args.framework]
    tasks = (
        [catalog.tasks[t] for t in args.tasks]
        if args.tasks
        else [t for t in catalog.tasks.values() if entry.kind in t.applies_to]
    )
    not_applicable = (entry.snippets or {}).get("not_applicable", {})
    failed = 0
    ensure_env(entry.id)
    with Progress(console=console, transient=True) as progress:
        bar = progress.add_task(f"{entry.id} snippets", total=len(tasks))
        for task in tasks:
            progress.advance(bar)
            if task.id in not_applicable:
                console.print(f"[yellow]n/a[/] {task.id}: {not_applicable[task.id]}")
                continue
            try:
                with serve(entry, task.id, env=task.env) as running:
                    failures = run_contract(task, running.url)
                    log = running.log_tail()
            except SnippetError as exc:
                failed += 1
                console.print(f"[red]FAIL[/] {task.id}: {exc}")
                continue
            if failures:
                failed += 1
                console.print(f"[red]FAIL[/] {task.id}")
                for failure in failures:
                    console.print(f"    {failure}", markup=False)
                console.print(f"    server log:\n{log}", markup=False)
            else:
                console.print(f"[green]ok[/]   {task.id}")
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
    run.set_defaults(run=_run)
    check = s.add_parser("check", help="run a framework's snippets against their contracts")
    check.add_argument("framework")
    check.add_argument("tasks", nargs="*")
    check.set_defaults(run=_check)
