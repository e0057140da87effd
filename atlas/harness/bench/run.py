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
import functools
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from atlas.core.benchmarks import write_run
from atlas.core.catalog import DATA_DIR, ROOT, Catalog, load_catalog
from atlas.core.kinds import MUST_COVER_KINDS
from atlas.core.setups import SETUP_KINDS, Setup, setups_for
from atlas.core.snippets import locked_versions, status
from atlas.harness.bench import aggregate, extras, measure, merge, nginx, observe, plan, wrk
from atlas.harness.bench.plan import Item
from atlas.harness.checks import check_snippet
from atlas.harness.envs import ensure_env
from atlas.harness.runner import Running, group_members, serve
from atlas.harness.services import Services, upstream

LEAD = "hello-json"


@dataclass(frozen=True)
class Scenario:
    """How a task snippet is loaded: one request shape, and what must exist first."""

    task: str
    method: str
    path: str
    body: str | None = None
    seed: tuple[str, str, str] | None = None  # (method, path, JSON body) sent once before measuring


def scenarios_of(catalog: Catalog) -> dict[str, Scenario]:
    """The request scenarios, from the tasks' `benchmark` blocks (data/tasks: their one home)."""
    out = {}
    for task_id, task in catalog.scenarios.items():
        request, seed = task.benchmark["request"], task.benchmark.get("seed")
        out[task_id] = Scenario(
            task_id,
            request["method"],
            request["path"],
            request.get("body"),
            (seed["method"], seed["path"], seed.get("body", "")) if seed else None,
        )
    return out


#: The profiles: `full` for published runs, `quick` for contributors (minutes) and the tests.
PROFILES = {
    "full": {
        "concurrency": {LEAD: [1, 16, 64, 256, 512], "default": [16, 64, 256]},
        "warmup": 1,
        "seconds": 2,  # wrk takes whole seconds
        "repeats": 3,
        "reference": {"framework": "starlette", "setup": "common", "connections": 64, "seconds": 2},
        "open_loop": {"fractions": [0.25, 0.5, 0.75], "connections": 32, "seconds": 3},
        "websocket": {"connections": 16, "seconds": 3, "runs": 3},
        "queues": {"connections": 16, "seconds": 3, "runs": 3},
        "capacity": {"steps": [1000, 2500, 5000]},
    },
    "quick": {
        "concurrency": {LEAD: [16, 64], "default": [64]},
        "warmup": 1,
        "seconds": 1,
        "repeats": 3,
        "reference": {"framework": "starlette", "setup": "common", "connections": 16, "seconds": 1},
        "open_loop": {"fractions": [0.5], "connections": 4, "seconds": 1},
        "websocket": {"connections": 4, "seconds": 1, "runs": 1},
        "queues": {"connections": 4, "seconds": 1, "runs": 1},
        "capacity": {"steps": [100]},
    },
}
#: Measurements beyond the HTTP scenarios, each skippable (`--skip`).
EXTRAS = ["open-loop", "websocket-echo", "background-job", "capacity"]


def _version(argv: list[str]) -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        out = (proc.stdout or proc.stderr).strip().splitlines()
        return out[0][:120] if out else "unknown"
    return "not installed"


def fingerprint() -> dict[str, str]:
    """What makes two machines' figures comparable or not: CPU, governor, kernel, and every
    server, broker and database version the run uses."""
    governor = Path("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")
    return {
        "cpu_model": _cpu_model(),
        "cores": str(os.cpu_count()),
        "governor": governor.read_text().strip() if governor.exists() else "not exposed (virtual machine)",
        "kernel": platform.release(),
        "python": platform.python_version(),
        "wrk": wrk.version(),
        "nginx": nginx.version(),
        "postgresql": _version(["/usr/lib/postgresql/15/bin/postgres", "--version"]),
        "redis": _version(["redis-server", "--version"]),
        "rabbitmq": _version(["dpkg-query", "-W", "-f=${Version}", "rabbitmq-server"]),
    }


def _cpu_model() -> str:
    return next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )


def provenance(server_cpus: str, load_cpus: str) -> dict:
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip())
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "harness_commit": commit + ("+dirty" if dirty else ""),
        "load_generator": {"name": "wrk", "version": wrk.version(), "threads": 1, "keep_alive": True},
        "ceiling_server": {"name": "nginx", "version": nginx.version(), "workers": 1},
        "server_cpus": server_cpus,
        "load_cpus": load_cpus,
        "load_average": [round(x, 2) for x in os.getloadavg()],  # other work on the machine at the start
    }


# --- one instance, one scenario, every connection level ------------------------------------------


def _load(running: Running, scenario: Scenario, connections: int, seconds: int, cpus: str, observe_opens: bool) -> dict:
    """One wrk run against a running server, with the server's CPU time, memory, connections opened
    per request and log lines per request."""
    opens, lines = observe.active_opens(), observe.lines_in(running.log)
    with measure.GroupSampler(running.pid) as sampler:
        result = wrk.run(running.url + scenario.path, connections=connections, seconds=seconds, cpus=cpus,
                         method=scenario.method, body=scenario.body)  # fmt: skip
    result |= {
        "server_cpu_percent": sampler.cpu_percent,
        "peak_rss_mb": sampler.peak_rss_mb,
        "cpu_seconds": sampler.cpu_seconds,
    }
    if result["requests"]:
        if observe_opens:  # machine-wide counter: read only where the scenario itself opens no connections
            result["connections_per_request"] = max(0, observe.active_opens() - opens - connections) / result["requests"]
        result["log_lines_per_request"] = (observe.lines_in(running.log) - lines) / result["requests"]
    return result


@dataclass
class Visit:
    """Everything one item's instances measured in one repeat."""

    loads: dict[str, dict[int, dict]]  # scenario -> connections -> wrk result
    observed: dict | None = None


class Bench:
    """One run (or shard): the catalog, the services, the pinned CPUs and what was measured so far."""

    def __init__(self, catalog: Catalog, params: dict, cpus: tuple[str, str], scenarios: list[str], workers: int = 1):
        self.catalog, self.params, self.cpus, self.scenarios, self.workers = catalog, params, cpus, scenarios, workers
        self.services = Services()
        self.known = scenarios_of(catalog)
        self.setups: dict[str, Setup] = {}
        self.contract: dict[tuple[str, str], str | None] = {}  # (item key, scenario) -> None if passed, else why
        self.raw: dict[str, dict[str, dict[int, list[dict]]]] = {}  # item key -> scenario -> connections -> repeats
        self.observed: dict[str, dict] = {}
        self.open_loops: dict[str, dict] = {}  # item key -> open_loop runs, or open_loop_note

    def setup_of(self, item: Item) -> Setup:
        if item.key not in self.setups:
            self.setups[item.key] = next(s for s in setups_for(self.catalog[item.framework]) if s.kind == item.setup)
        return self.setups[item.key]

    def env_of(self, item: Item) -> Path:
        return ensure_env(item.framework, self.setup_of(item).packages)

    @contextlib.contextmanager
    def instance(self, item: Item, scenario: str):
        """A fresh instance of the item's snippet for one scenario, pinned, with its services."""
        entry, task = self.catalog[item.framework], self.catalog.tasks[scenario]
        env = dict(task.env) | self.services.env_for([s for s in task.services if s != "upstream"])
        with contextlib.ExitStack() as stack:
            if "upstream" in task.services:
                env["UPSTREAM_URL"] = stack.enter_context(upstream(cpus=self.cpus[1])).url
            running = stack.enter_context(
                serve(
                    entry,
                    scenario,
                    env=env,
                    cpus=self.cpus[0],
                    command=self.setup_of(item).command,
                    venv=self.env_of(item),
                    workers=self.workers,
                )
            )
            if seed := self.known[scenario].seed:
                method, path, body = seed
                httpx.request(method, running.url + path, content=body, headers={"Content-Type": "application/json"})
            yield running

    def check(self, item: Item, scenario: str) -> str | None:
        """Why the item may not be measured in a scenario, or None: its contract passed under the setup."""
        key = (item.key, scenario)
        if key not in self.contract:
            entry, task = self.catalog[item.framework], self.catalog.tasks[scenario]
            if status(self.catalog, entry, task).state != "tested":
                self.contract[key] = "no passing snippet for this task"
            else:
                try:
                    setup = self.setup_of(item)
                    failures, _ = check_snippet(entry, task, self.services, setup=(setup.command, self.env_of(item)))
                    self.contract[key] = "contract failed: " + "; ".join(map(str, failures))[:300] if failures else None
                except Exception as exc:  # an environment that does not build, a server that does not start
                    self.contract[key] = f"{type(exc).__name__}: {exc}"[:300]
        return self.contract[key]

    def visit(self, item: Item) -> None:
        """One repeat of every scenario of one item, each on a fresh instance."""
        p = self.params
        for scenario in self.scenarios:
            if self.check(item, scenario):
                continue
            levels = p["concurrency"].get(scenario, p["concurrency"]["default"])
            try:
                with self.instance(item, scenario) as running:
                    load = functools.partial(_load, running, self.known[scenario], cpus=self.cpus[1])
                    wrk.run(running.url + self.known[scenario].path, connections=levels[0], seconds=p["warmup"],
                            cpus=self.cpus[1], method=self.known[scenario].method, body=self.known[scenario].body)  # fmt: skip
                    for n in levels:
                        result = load(connections=n, seconds=p["seconds"], observe_opens=scenario == LEAD)
                        self.raw.setdefault(item.key, {}).setdefault(scenario, {}).setdefault(n, []).append(result)
                    if scenario == LEAD and item.key not in self.observed:
                        self.observed[item.key] = self._observe(item, running)
            except Exception as exc:  # recorded; the other scenarios and repeats go on
                self.contract[(item.key, scenario)] = f"{type(exc).__name__}: {exc}"[:300]

    def _observe(self, item: Item, running: Running) -> dict:
        setup, entry = self.setup_of(item), self.catalog[item.framework]
        modules = observe.native_modules(running.pid)
        interface = (entry.snippets.get("app") or {}).get("interface")
        # a WSGI app has no event loop whatever the server loads; CherryPy's own server is threaded
        threaded = interface == "wsgi" or setup.worker_class == "sync" or setup.server == "cherrypy"
        at64 = self.raw[item.key][LEAD].get(64, [{}])[-1]
        return {
            "server_version": observe.installed_version(self.env_of(item), setup.server),
            "http_parser": observe.http_parser(modules, setup.server),
            "event_loop": observe.event_loop(modules, threaded),
            "native_modules": modules,
            "processes": len(group_members(running.pid)),
            "keep_alive": observe.keep_alive(running.port, self.known[LEAD].path),
            "connections_per_request": _round(at64.get("connections_per_request"), 3),
            "access_log_lines_per_request": _round(at64.get("log_lines_per_request"), 2),
        }

    def open_loop(self, item: Item, peak: float) -> list[dict]:
        """Fixed request rates below the item's peak: latency as a user sees it at that load."""
        p = self.params["open_loop"]
        url_path = self.known[LEAD].path
        runs = []
        with self.instance(item, LEAD) as running:
            wrk.run(running.url + url_path, connections=16, seconds=self.params["warmup"], cpus=self.cpus[1])
            for fraction in p["fractions"]:
                r = wrk.open_loop(running.url + url_path, rate=peak * fraction, connections=p["connections"],
                                  seconds=p["seconds"], cpus=self.cpus[1])  # fmt: skip
                r["fraction_of_peak"] = fraction
                r["has_errors"] = any(r["errors"].values()) or not r["requests"]
                runs.append(r)
        return runs

    def result_of(self, item: Item) -> dict:
        """The item's setup block for the run file, from what was measured so far."""
        setup = self.setup_of(item)
        scenarios = {}
        for scenario in self.scenarios:
            why = self.check(item, scenario) if (item.key, scenario) in self.contract else "not reached"
            by_level = self.raw.get(item.key, {}).get(scenario)
            if by_level:
                points = [aggregate.point(n, repeats) for n, repeats in sorted(by_level.items())]
                scenarios[scenario] = {"measured": True, "contract": "passed", "points": points}
                if scenario == LEAD:
                    scenarios[scenario] |= self.open_loops.get(item.key, {})
                if why:
                    scenarios[scenario]["reason"] = why  # measured in some repeats, then failed
            else:
                scenarios[scenario] = {"measured": False, "reason": why or "not reached: the run stopped before its turn"}
        out = {
            "kind": setup.kind,
            "server": setup.server,
            "worker_class": setup.worker_class,
            "workers": self.workers,
            "command": setup.command,
        }
        if setup.packages:
            out["packages"] = list(setup.packages)
        if setup.source:
            out["source"] = setup.source
        if item.key in self.observed:
            out["observed"] = self.observed[item.key]
        return out | {"scenarios": scenarios}


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _framework_info(entry, venv: Path, cpus: str) -> dict:
    versions = locked_versions(entry.id)
    return {
        "versions": versions,
        "distributions": len(versions),
        "env_size_mb": measure.dir_size_mb(venv),
        **extras.import_time(entry),
        "cold_start_ms": extras.cold_start(entry, cpus),
        "setups": {},
    }


def _reference(bench: Bench, item: Item, running: Running, samples: list[float]) -> None:
    """One measurement of the reference setup, kept running all shard long (drift detection)."""
    ref = bench.params["reference"]
    r = wrk.run(running.url + bench.known[LEAD].path, connections=ref["connections"], seconds=ref["seconds"], cpus=bench.cpus[1])
    if r["requests"] and not any(r["errors"].values()):
        samples.append(r["rps"])


def main(args: argparse.Namespace) -> int:
    if args.action:
        if args.action[0] != "merge" or len(args.action) < 2:
            raise SystemExit("usage: atlas bench merge SHARD_FILE... --output RUN_FILE [--allow-missing]")
        return merge.merge_files(args.action[1:], args.output, args.allow_missing)
    catalog = load_catalog()
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
    scenarios = args.scenarios or ([LEAD] if args.quick else list(known))
    kinds = args.setups or list(SETUP_KINDS)
    everything = [Item(f, s.kind) for f in frameworks for s in setups_for(catalog[f]) if s.kind in kinds]
    mine = set(plan.split([i.key for i in everything], shard, count))
    items = [i for i in everything if i.key in mine]
    skip = set(args.skip or [])
    ws = [e for e in extras.websocket_targets(catalog) if not args.frameworks or e.id in args.frameworks]
    ws = [] if "websocket-echo" in skip else ws
    queues = [(e, b) for e, b in extras.queue_targets(catalog) if not args.frameworks or e.id in args.frameworks]
    queues = [] if "background-job" in skip else queues
    if args.quick:  # one of each at most: the quick profile shows each measurement works, in minutes
        ws, queues = (ws[:1], queues[:1]) if args.frameworks else ([], [])
    ws = [e for e in ws if e.id in plan.split([x.id for x in ws], shard, count)]
    queues = [q for q in queues if f"{q[0].id}:{q[1]}" in plan.split([f"{e.id}:{b}" for e, b in queues], shard, count)]
    run_id = args.run_id or dt.date.today().isoformat() + ("-quick" if args.quick else "")
    name = run_id if count == 1 else f"{run_id}-shard-{shard}-of-{count}"
    out = Path(args.output) if args.output else DATA_DIR / "benchmarks" / f"{name}.yaml"
    cpus = (args.server_cpus, args.load_cpus)
    started = time.monotonic()
    prov = provenance(*cpus)
    results: dict = {
        "id": name,
        "kind": "shard" if count > 1 else "quick" if args.quick else "full",
        "provenance": prov,
        "parameters": params | {"profile": profile, "scenarios": scenarios, "setups": kinds, "workers": args.workers},
        "ceiling": {},
        "frameworks": {},
    }
    bench = Bench(catalog, params, cpus, scenarios, args.workers)
    samples: list[float] = []
    columns = [TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn()]
    visits = plan.schedule(items, run_id, shard, params["repeats"])
    ref_item = Item(params["reference"]["framework"], params["reference"]["setup"])

    def save() -> None:  # after every visit: a crash or Ctrl-C keeps what was measured
        prov["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
        for item in items:
            fw = results["frameworks"].get(item.framework)
            if fw is not None and (item.key in bench.raw or any(k[0] == item.key for k in bench.contract)):
                fw["setups"][item.setup] = bench.result_of(item)
        if samples:
            results["calibration"] = {
                "reference": f"{ref_item.key} {LEAD} at {params['reference']['connections']} connections",
                "reference_rps": aggregate.summary(samples, "across-repeats"),
                "drift": round((max(samples) - min(samples)) / statistics.median(samples), 4),
                "ceiling_rps": max((p["rps"]["median"] for p in results["ceiling"].get("points", [])), default=0),
            }
        results["wall_seconds"] = round(time.monotonic() - started, 1)
        write_run(_finished(results, shard, count, fingerprint_=fp), out)

    fp = fingerprint()
    try:
        total = 2 + len(items) + len(visits) + len(ws) * (1 if "capacity" in skip else 2) + len(queues)
        with Progress(*columns, disable=not sys.stderr.isatty() and not args.progress) as progress:
            bar = progress.add_task("nginx ceiling", total=total)
            with nginx.ceiling(cpus[0]) as url:
                levels = params["concurrency"][LEAD]
                runs = [wrk.run(url + known[LEAD].path, connections=n, seconds=params["seconds"], cpus=cpus[1]) for n in levels]
                results["ceiling"] = {"points": [aggregate.point(n, [r]) for n, r in zip(levels, runs, strict=True)]}
            progress.advance(bar)
            for item in items:  # contracts first, and each framework's own figures once per shard
                progress.update(bar, description=f"{item.key} · contracts")
                if item.framework not in results["frameworks"]:
                    entry = catalog[item.framework]
                    results["frameworks"][item.framework] = _framework_info(entry, ensure_env(entry.id), cpus[0])
                for scenario in scenarios:
                    bench.check(item, scenario)
                progress.advance(bar)
            progress.update(bar, description=f"reference {ref_item.key}")
            with contextlib.ExitStack() as ref_stack:
                ref_running = None
                if not bench.check(ref_item, LEAD):
                    ref_running = ref_stack.enter_context(bench.instance(ref_item, LEAD))
                    _reference(bench, ref_item, ref_running, samples)
                progress.advance(bar)
                for repeat, item in visits:
                    progress.update(bar, description=f"{item.key} · repeat {repeat + 1} of {params['repeats']}")
                    bench.visit(item)
                    if ref_running is not None:
                        _reference(bench, ref_item, ref_running, samples)
                    save()
                    progress.advance(bar)
            if "open-loop" not in skip:
                for item in items:
                    block = bench.result_of(item)["scenarios"].get(LEAD, {})
                    clean = [p for p in block.get("points", []) if not p["has_errors"]]
                    if clean:
                        progress.update(bar, description=f"{item.key} · open loop")
                        try:
                            runs = bench.open_loop(item, max(p["rps"]["median"] for p in clean))
                            bench.open_loops[item.key] = {"open_loop": runs}
                        except Exception as exc:  # recorded, and the run goes on
                            bench.open_loops[item.key] = {"open_loop_note": f"{type(exc).__name__}: {exc}"[:300]}
                        save()
            for entry in ws:
                progress.update(bar, description=f"{entry.id} · WebSocket echo")
                results.setdefault("websocket_echo", {})[entry.id] = extras.bench_websocket(
                    entry, catalog, bench.services, params, cpus
                )
                save()
                progress.advance(bar)
            if "capacity" not in skip and ws:
                from atlas.harness.bench import capacity

                for entry in ws:
                    progress.update(bar, description=f"{entry.id} · idle WebSocket connections")
                    results.setdefault("capacity", {})[entry.id] = capacity.bench_capacity(
                        entry, catalog, bench.services, cpus, steps=tuple(params["capacity"]["steps"])
                    )
                    save()
                    progress.advance(bar)
            for entry, broker in queues:
                progress.update(bar, description=f"{entry.id} · jobs via {broker or 'its broker'}")
                results.setdefault("queues", {}).setdefault(entry.id, {})[broker or "default"] = extras.bench_queue(
                    entry, broker, catalog, bench.services, params, cpus
                )
                save()
                progress.advance(bar)
    finally:
        bench.services.stop()
    save()
    print(f"wrote {out} in {(time.monotonic() - started) / 60:.1f} min")
    return 0


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
