"""`python -m atlas bench`: measure every framework under every setup and write a run file.

Correct before fast: each (framework, setup, scenario) first passes its task contract under that
setup; fresh instances are then measured, the server pinned to one CPU and wrk to the other.
Every point is measured in `repeats` interleaved visits (plan.schedule: never back to back), with
a reference setup measured between visits to detect drift, and kept with its median, interval,
CPU time per request and flags (aggregate.point). Errors are counted and kept, never dropped.

`--shard K/N` measures the K-th of N deterministic parts, with its own calibration (the nginx
ceiling and the reference) and machine fingerprint; `bench merge` (atlas.harness.bench.merge)
combines the parts into one run.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from atlas.core.benchmarks import write_run
from atlas.core.catalog import DATA_DIR, Catalog, load_catalog
from atlas.core.kinds import MUST_COVER_KINDS
from atlas.core.setups import SETUP_KINDS, setups_for
from atlas.harness.bench import aggregate, extras, merge, nginx, plan, wrk
from atlas.harness.bench.machine import fingerprint, provenance
from atlas.harness.bench.plan import Item
from atlas.harness.bench.profiles import EXTRAS, PROFILES
from atlas.harness.bench.scenarios import LEAD, scenarios_of
from atlas.harness.bench.session import Bench, framework_info, reference
from atlas.harness.envs import ensure_env


@dataclass
class Selection:
    """What one invocation measures, from its arguments: the profile, this shard's (framework, setup)
    items, the scenarios and the measurements beyond them, and where the run file goes."""

    profile: str
    params: dict
    scenarios: list[str]
    kinds: list[str]
    items: list[Item]
    websocket: list
    queues: list[tuple]
    skip: set[str]
    shard: int
    count: int
    run_id: str
    name: str  # the run's id, or the shard's: <run-id>-shard-K-of-N
    out: Path


def select(args: argparse.Namespace, catalog: Catalog) -> Selection:
    """The selection, or SystemExit naming the unknown scenario, framework or malformed shard."""
    profile = "quick" if args.quick else "full"
    params = copy.deepcopy(PROFILES[profile])
    if args.repeats:
        params["repeats"] = args.repeats
    known = scenarios_of(catalog)
    if unknown := [s for s in args.scenarios or [] if s not in known]:
        raise SystemExit(f"unknown scenario(s): {', '.join(unknown)}; valid: {', '.join(known)}")
    web = [e.id for e in catalog.of_kinds(MUST_COVER_KINDS) if e.snippets]
    if args.frameworks and (unknown := [f for f in args.frameworks if f not in catalog.entries]):
        raise SystemExit(f"unknown framework id(s): {', '.join(unknown)}")
    try:
        shard, count = plan.parse_shard(args.shard) if args.shard else (1, 1)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    frameworks = [f for f in args.frameworks or (["flask"] if args.quick else web) if f in web]
    kinds = args.setups or list(SETUP_KINDS)
    everything = [Item(f, s.kind) for f in frameworks for s in setups_for(catalog[f]) if s.kind in kinds]
    mine = set(plan.split([i.key for i in everything], shard, count))
    skip = set(args.skip or [])
    chosen = args.frameworks
    ws = [] if "websocket-echo" in skip else [e for e in extras.websocket_targets(catalog) if not chosen or e.id in chosen]
    queues = [] if "background-job" in skip else [q for q in extras.queue_targets(catalog) if not chosen or q[0].id in chosen]
    if args.quick:  # one of each at most: the quick profile shows each measurement works, in minutes
        ws, queues = (ws[:1], queues[:1]) if chosen else ([], [])
    ws = [e for e in ws if e.id in plan.split([x.id for x in ws], shard, count)]
    queues = [q for q in queues if f"{q[0].id}:{q[1]}" in plan.split([f"{e.id}:{b}" for e, b in queues], shard, count)]
    run_id = args.run_id or dt.date.today().isoformat() + ("-quick" if args.quick else "")
    name = run_id if count == 1 else f"{run_id}-shard-{shard}-of-{count}"
    return Selection(
        profile=profile,
        params=params,
        scenarios=args.scenarios or ([LEAD] if args.quick else list(known)),
        kinds=kinds,
        items=[i for i in everything if i.key in mine],
        websocket=ws,
        queues=queues,
        skip=skip,
        shard=shard,
        count=count,
        run_id=run_id,
        name=name,
        out=Path(args.output) if args.output else DATA_DIR / "benchmarks" / f"{name}.yaml",
    )


@dataclass
class Recorder:
    """The run file as it grows: written after every visit, so a crash or Ctrl-C keeps what was measured."""

    sel: Selection
    bench: Bench
    results: dict
    fingerprint: dict
    samples: list[float] = field(default_factory=list)  # the reference setup's req/s between visits
    started: float = field(default_factory=time.monotonic)

    @property
    def reference_item(self) -> Item:
        ref = self.sel.params["reference"]
        return Item(ref["framework"], ref["setup"])

    def save(self) -> None:
        results, params = self.results, self.sel.params
        results["provenance"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
        for item in self.sel.items:
            fw = results["frameworks"].get(item.framework)
            if fw is not None and (item.key in self.bench.raw or any(k[0] == item.key for k in self.bench.contract)):
                fw["setups"][item.setup] = self.bench.result_of(item)
        if self.samples:
            results["calibration"] = {
                "reference": f"{self.reference_item.key} {LEAD} at {params['reference']['connections']} connections",
                "reference_rps": aggregate.summary(self.samples, "across-repeats"),
                "drift": round((max(self.samples) - min(self.samples)) / statistics.median(self.samples), 4),
                "ceiling_rps": max((p["rps"]["median"] for p in results["ceiling"].get("points", [])), default=0),
            }
        results["wall_seconds"] = round(time.monotonic() - self.started, 1)
        write_run(_finished(results, self.sel.shard, self.sel.count, fingerprint_=self.fingerprint), self.sel.out)


def main(args: argparse.Namespace) -> int:
    if args.action:
        if args.action[0] != "merge" or len(args.action) < 2:
            raise SystemExit("usage: atlas bench merge SHARD_FILE... --output RUN_FILE [--allow-missing]")
        return merge.merge_files(args.action[1:], args.output, args.allow_missing)
    catalog = load_catalog()
    sel = select(args, catalog)
    cpus = (args.server_cpus, args.load_cpus)
    results: dict = {
        "id": sel.name,
        "kind": "shard" if sel.count > 1 else sel.profile if sel.profile == "quick" else "full",
        "provenance": provenance(*cpus),
        "parameters": sel.params
        | {"profile": sel.profile, "scenarios": sel.scenarios, "setups": sel.kinds, "workers": args.workers},
        "ceiling": {},
        "frameworks": {},
    }
    bench = Bench(catalog, sel.params, cpus, sel.scenarios, args.workers)
    rec = Recorder(sel, bench, results, fingerprint())
    visits = plan.schedule(sel.items, sel.run_id, sel.shard, sel.params["repeats"])
    columns = [TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn()]
    total = 2 + len(sel.items) + len(visits) + len(sel.websocket) * (1 if "capacity" in sel.skip else 2) + len(sel.queues)
    try:
        with Progress(*columns, disable=not sys.stderr.isatty() and not args.progress) as progress:
            bar = progress.add_task("nginx ceiling", total=total)
            _ceiling(rec, progress, bar)
            _contracts(rec, progress, bar)
            _visits(rec, visits, progress, bar)
            if "open-loop" not in sel.skip:
                _open_loops(rec, progress, bar)
            _extras(rec, progress, bar)
    finally:
        bench.services.stop()
    rec.save()
    print(f"wrote {sel.out} in {(time.monotonic() - rec.started) / 60:.1f} min")
    return 0


def _ceiling(rec: Recorder, progress: Progress, bar: TaskID) -> None:
    """nginx serving the lead scenario's answer from memory: what the machine and wrk can do at all."""
    params, cpus = rec.sel.params, rec.bench.cpus
    with nginx.ceiling(cpus[0]) as url:
        levels = params["concurrency"][LEAD]
        path = rec.bench.known[LEAD].path
        runs = [wrk.run(url + path, connections=n, seconds=params["seconds"], cpus=cpus[1]) for n in levels]
        rec.results["ceiling"] = {"points": [aggregate.point(n, [r]) for n, r in zip(levels, runs, strict=True)]}
    progress.advance(bar)


def _contracts(rec: Recorder, progress: Progress, bar: TaskID) -> None:
    """Contracts first, under each setup, and each framework's own figures once per shard."""
    for item in rec.sel.items:
        progress.update(bar, description=f"{item.key} · contracts")
        if item.framework not in rec.results["frameworks"]:
            entry = rec.bench.catalog[item.framework]
            rec.results["frameworks"][item.framework] = framework_info(entry, ensure_env(entry.id), rec.bench.cpus[0])
        for scenario in rec.sel.scenarios:
            rec.bench.check(item, scenario)
        progress.advance(bar)


def _visits(rec: Recorder, visits: list[tuple[int, Item]], progress: Progress, bar: TaskID) -> None:
    """Every interleaved visit, the reference setup (kept running) measured between every two."""
    bench, ref_item = rec.bench, rec.reference_item
    progress.update(bar, description=f"reference {ref_item.key}")
    with contextlib.ExitStack() as ref_stack:
        ref_running = None
        if not bench.check(ref_item, LEAD):
            ref_running = ref_stack.enter_context(bench.instance(ref_item, LEAD))
            reference(bench, ref_item, ref_running, rec.samples)
        progress.advance(bar)
        for repeat, item in visits:
            progress.update(bar, description=f"{item.key} · repeat {repeat + 1} of {rec.sel.params['repeats']}")
            bench.visit(item)
            if ref_running is not None:
                reference(bench, ref_item, ref_running, rec.samples)
            rec.save()
            progress.advance(bar)


def _open_loops(rec: Recorder, progress: Progress, bar: TaskID) -> None:
    """Latency at fixed rates below each setup's clean peak (the cores calculator's input)."""
    bench = rec.bench
    for item in rec.sel.items:
        block = bench.result_of(item)["scenarios"].get(LEAD, {})
        clean = [p for p in block.get("points", []) if not p["has_errors"]]
        if clean:
            progress.update(bar, description=f"{item.key} · open loop")
            try:
                runs = bench.open_loop(item, max(p["rps"]["median"] for p in clean))
                bench.open_loops[item.key] = {"open_loop": runs}
            except Exception as exc:  # recorded, and the run goes on
                bench.open_loops[item.key] = {"open_loop_note": f"{type(exc).__name__}: {exc}"[:300]}
            rec.save()


def _extras(rec: Recorder, progress: Progress, bar: TaskID) -> None:
    """WebSocket echo, idle-connection capacity and task queues: each recorded, or why not."""
    sel, bench, results = rec.sel, rec.bench, rec.results
    for entry in sel.websocket:
        progress.update(bar, description=f"{entry.id} · WebSocket echo")
        results.setdefault("websocket_echo", {})[entry.id] = extras.bench_websocket(
            entry, bench.catalog, bench.services, sel.params, bench.cpus
        )
        rec.save()
        progress.advance(bar)
    if "capacity" not in sel.skip and sel.websocket:
        from atlas.harness.bench import capacity

        for entry in sel.websocket:
            progress.update(bar, description=f"{entry.id} · idle WebSocket connections")
            results.setdefault("capacity", {})[entry.id] = capacity.bench_capacity(
                entry, bench.catalog, bench.services, bench.cpus, steps=tuple(sel.params["capacity"]["steps"])
            )
            rec.save()
            progress.advance(bar)
    for entry, broker in sel.queues:
        progress.update(bar, description=f"{entry.id} · jobs via {broker or 'its broker'}")
        results.setdefault("queues", {}).setdefault(entry.id, {})[broker or "default"] = extras.bench_queue(
            entry, broker, bench.catalog, bench.services, sel.params, bench.cpus
        )
        rec.save()
        progress.advance(bar)


def _finished(results: dict, shard: int, count: int, fingerprint_: dict) -> dict:
    """The run file's data: internal keys dropped; a shard carries its own provenance block too."""
    data = copy.deepcopy(results)
    calibration = data.pop("calibration", None)
    wall = data.pop("wall_seconds")
    if calibration:
        data["shards"] = [
            {
                "index": shard,
                "count": count,
                "provenance": data["provenance"],
                "fingerprint": fingerprint_,
                "calibration": calibration,
                "items": sorted(f"{fid}@{k}" for fid, fw in data["frameworks"].items() for k in fw["setups"]),
                "wall_seconds": wall,
            }
        ]
    return data


def add_parser(sub) -> None:
    p = sub.add_parser(
        "bench",
        help="measure the snippets under load (wrk), per setup, beside an nginx ceiling; `bench merge` combines shards",
    )
    p.add_argument("action", nargs="*", metavar="merge SHARD_FILE", help="`merge` and shard files: combine them into one run")
    p.add_argument("--allow-missing", action="store_true", help="with merge: merge even if some shards are missing")
    p.add_argument("--quick", action="store_true", help="the contributors' profile: Flask's setups, hello-json, a minute or so")
    p.add_argument("--frameworks", nargs="*", help="ids (default: every web framework and API toolkit)")
    p.add_argument("--scenarios", nargs="*", help="scenario ids: the tasks with a `benchmark` block (default: all)")
    p.add_argument("--setups", nargs="+", choices=SETUP_KINDS, help="setup kinds to measure (default: all)")
    p.add_argument(
        "--shard", metavar="K/N", help="measure the K-th of N deterministic parts of the run (merge them with `bench merge`)"
    )
    p.add_argument("--repeats", type=int, help="interleaved repeats of every point (default: the profile's, 3)")
    p.add_argument("--skip", nargs="+", choices=EXTRAS, help="leave out these measurements beyond the HTTP scenarios")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes per server (default 1: with two cores, one serves and one loads; give --server-cpus enough CPUs)",
    )
    p.add_argument("--server-cpus", default="0", help="CPU list for the server under test (taskset)")
    p.add_argument("--load-cpus", default="1", help="CPU list for wrk and the upstream")
    p.add_argument("--run-id", help="the run's id (default: today's date); shards of one run share it")
    p.add_argument("--output", help="results file (default: data/benchmarks/<run-id>[-shard-K-of-N].yaml)")
    p.add_argument("--progress", action="store_true", help="show the progress bar even without a terminal")
    p.set_defaults(run=main)
