"""`python -m atlas bench`: measure every snippet scenario and write data/benchmarks/<run-id>.yaml.

Correct before fast: each (framework, scenario) first passes its task contract on one instance
of the snippet; a fresh instance is then measured, pinned to the server CPU with wrk pinned to
the other. Errors are counted and kept in the results, never dropped.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from atlas.core.benchmarks import load_run, run_to_data, write_run
from atlas.core.catalog import DATA_DIR, ROOT, Catalog, load_catalog
from atlas.core.kinds import MUST_COVER_KINDS
from atlas.core.snippets import SNIPPETS_DIR, command_for, locked_versions, status, variants, worker_command
from atlas.harness.bench import jobs, measure, nginx, websocket, wrk
from atlas.harness.checks import check_snippet
from atlas.harness.envs import ensure_env
from atlas.harness.runner import serve
from atlas.harness.services import Services, upstream


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


#: Measurements beyond the request scenarios, each redoable on its own (`--redo open-loop`).
EXTRAS = ["open-loop", "websocket-echo", "background-job", "import-time"]
FULL = {
    "concurrency": [1, 16, 64, 256],
    "other_concurrency": [64],
    "warmup": 1,
    "seconds": 3,
    "runs": 3,
    # hello-json at fixed rates, as fractions of the framework's own closed-loop peak
    "open_loop": {"fractions": [0.25, 0.5, 0.75], "connections": 32, "seconds": 3},
    "websocket": {"connections": 16, "seconds": 3, "runs": 3},
    "queues": {"connections": 16, "seconds": 3, "runs": 3},
}  # wrk takes whole seconds
QUICK = {
    "concurrency": [16],
    "other_concurrency": [16],
    "warmup": 1,
    "seconds": 1,
    "runs": 1,
    "open_loop": {"fractions": [0.5], "connections": 4, "seconds": 1},
    "websocket": {"connections": 4, "seconds": 1, "runs": 1},
    "queues": {"connections": 4, "seconds": 1, "runs": 1},
}


def provenance(server_cpus: str, load_cpus: str) -> dict:
    cpu_model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip())
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_model": cpu_model,
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


def _points(url: str, scenario: Scenario, concurrencies: list[int], params: dict, cpus: str, pgid: int | None) -> list[dict]:
    points = []
    load = functools.partial(wrk.run, url + scenario.path, cpus=cpus, method=scenario.method, body=scenario.body)
    for connections in concurrencies:
        load(connections=connections, seconds=params["warmup"])
        runs = []
        for _ in range(params["runs"]):
            sampler = measure.GroupSampler(pgid) if pgid else contextlib.nullcontext()
            with sampler:
                runs.append(load(connections=connections, seconds=params["seconds"]))
            if pgid:
                runs[-1]["server_cpu_percent"] = sampler.cpu_percent
                runs[-1]["peak_rss_mb"] = sampler.peak_rss_mb
        best = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]  # the median run, for its latencies
        errors = {k: sum(r["errors"][k] for r in runs) for k in runs[0]["errors"]}
        point = {
            "concurrency": connections,
            "rps": measure.summary([r["rps"] for r in runs]),
            "latency_ms": best["latency_ms"],
            "errors": errors,
            "has_errors": any(errors.values()) or not all(r["requests"] for r in runs),  # silence is an error too
        }
        if pgid:
            point["server_cpu_percent"] = max(r["server_cpu_percent"] for r in runs)
            point["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
        points.append(point)
    return points


def _cold_start(entry, python_cpus: str, repeats: int = 3) -> dict:
    """Process start to the first 200 from /hello, under the production server."""
    times = []
    for _ in range(repeats):
        start = time.monotonic()
        with serve(entry, "hello-json", cpus=python_cpus, poll_interval=0.01) as running:
            while httpx.get(running.url + "/hello", timeout=5).status_code != 200:
                time.sleep(0.01)
            times.append((time.monotonic() - start) * 1000)
    return measure.summary(times)


def _import_time(entry) -> dict:
    """Load time of the hello-json snippet (framework imports and app creation), median of 5."""
    snippet = SNIPPETS_DIR / entry.id / "hello-json.py"
    try:
        ms = round(measure.import_seconds(ensure_env(entry.id) / "bin" / "python", snippet) * 1000, 1)
        return {"import_module": f"snippets/{entry.id}/hello-json.py", "import_ms": ms}
    except RuntimeError as exc:
        return {"import_module": f"snippets/{entry.id}/hello-json.py", "import_ms": None, "import_note": str(exc)[:300]}


def bench_framework(
    entry, catalog, services: Services, params: dict, scenarios: list[str], cpus: tuple[str, str], progress, bar
) -> dict:
    server_cpus = cpus[0]
    venv = ensure_env(entry.id)
    result = {
        "server": entry.snippets["server"],
        "workers": 1,
        "command": command_for(entry, "<task>", "<port>", 1),
        "versions": locked_versions(entry.id),
        "distributions": len(locked_versions(entry.id)),
        "env_size_mb": measure.dir_size_mb(venv),
        **_import_time(entry),
        "cold_start_ms": _cold_start(entry, server_cpus),
        "scenarios": {},
    }
    for name in scenarios:
        progress.update(bar, description=f"{entry.id} · {name}")
        result["scenarios"][name] = _measure_one(entry, catalog, name, services, params, cpus)
    return result


def _measure_one(entry, catalog, name: str, services: Services, params: dict, cpus: tuple[str, str]) -> dict:
    task = catalog.tasks[name]
    if status(catalog, entry, task).state != "tested":
        return {"measured": False, "reason": "no passing snippet for this task"}
    try:
        return _measure_scenario(entry, task, scenarios_of(catalog)[name], services, params, cpus)
    except Exception as exc:  # one broken scenario is recorded, and the run goes on
        return {"measured": False, "reason": f"{type(exc).__name__}: {exc}"[:300]}


def _measure_scenario(entry, task, scenario: Scenario, services: Services, params: dict, cpus: tuple[str, str]) -> dict:
    """Contract first, on its own instance; then a fresh instance, pinned, under wrk."""
    server_cpus, load_cpus = cpus
    name = task.id
    failures, _ = check_snippet(entry, task, services)
    if failures:
        return {"measured": False, "reason": "contract failed: " + "; ".join(map(str, failures))[:300]}
    env = dict(task.env) | services.env_for([s for s in task.services if s != "upstream"])
    with contextlib.ExitStack() as stack:
        if "upstream" in task.services:
            up = stack.enter_context(upstream(cpus=load_cpus))
            env["UPSTREAM_URL"] = up.url
        running = stack.enter_context(serve(entry, name, env=env, cpus=server_cpus))
        if scenario.seed:
            method, path, body = scenario.seed
            httpx.request(method, running.url + path, content=body, headers={"Content-Type": "application/json"})
        concurrencies = params["concurrency"] if name == "hello-json" else params["other_concurrency"]
        points = _points(running.url, scenario, concurrencies, params, load_cpus, running.pid)
        result = {"measured": True, "contract": "passed", "points": points}
        if name == "hello-json" and params.get("open_loop"):
            result["open_loop"] = _open_loop(running.url + scenario.path, points, params["open_loop"], load_cpus)
    return result


def _open_loop(url: str, points: list[dict], params: dict, cpus: str) -> list[dict]:
    """Fixed request rates below the measured peak: latency as a user would see it at that load."""
    clean = [p for p in points if not p["has_errors"]] or points
    peak = max(p["rps"]["median"] for p in clean)
    runs = []
    for fraction in params["fractions"]:
        run = wrk.open_loop(url, rate=peak * fraction, connections=params["connections"], seconds=params["seconds"], cpus=cpus)
        run["fraction_of_peak"] = fraction
        run["has_errors"] = any(run["errors"].values()) or not run["requests"]
        runs.append(run)
    return runs


def _redo_open_loop(entry, catalog, services: Services, params: dict, cpus: tuple[str, str], scenario_result: dict) -> None:
    """Open loop alone, on a fresh hello-json instance, against the peak this run already measured."""
    if not scenario_result.get("measured"):
        return
    task = catalog.tasks["hello-json"]
    failures, _ = check_snippet(entry, task, services)
    if failures:
        scenario_result["open_loop_note"] = "contract failed: " + "; ".join(map(str, failures))[:300]
        return
    with serve(entry, "hello-json", cpus=cpus[0]) as running:
        url = running.url + scenarios_of(catalog)["hello-json"].path
        wrk.run(url, connections=16, seconds=params["warmup"], cpus=cpus[1])
        scenario_result["open_loop"] = _open_loop(url, scenario_result["points"], params["open_loop"], cpus[1])


def websocket_targets(catalog) -> list:
    task = catalog.tasks.get("websocket-echo")
    return [e for e in catalog if task and status(catalog, e, task).state == "tested"]


def bench_websocket(entry, catalog, services: Services, params: dict, cpus: tuple[str, str]) -> dict:
    """Messages/s on the websocket-echo snippet, after its contract passes."""
    task = catalog.tasks["websocket-echo"]
    try:
        failures, _ = check_snippet(entry, task, services)
        if failures:
            return {"measured": False, "reason": "contract failed: " + "; ".join(map(str, failures))[:300]}
        p = params["websocket"]
        with serve(entry, task.id, cpus=cpus[0]) as running:
            websocket.run(running.url, connections=p["connections"], seconds=1, cpus=cpus[1], pgid=running.pid)  # warm-up
            runs = [
                websocket.run(running.url, connections=p["connections"], seconds=p["seconds"], cpus=cpus[1], pgid=running.pid)
                for _ in range(p["runs"])
            ]
    except Exception as exc:  # recorded, and the run goes on
        return {"measured": False, "reason": f"{type(exc).__name__}: {exc}"[:300]}
    client_cpu = max(r["client_cpu_percent"] for r in runs)
    return {
        "measured": True,
        "contract": "passed",
        "connections": p["connections"],
        "messages_per_s": measure.summary([r["mps"] for r in runs]),
        "client_cpu_percent": client_cpu,
        "client_bound": client_cpu >= 90,
        "server_cpu_percent": max(r["server_cpu_percent"] for r in runs),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
    }


def queue_targets(catalog) -> list[tuple]:
    task = catalog.tasks.get("background-job")
    if task is None:
        return []
    return [
        (e, broker)
        for e in catalog.of_kinds(("task-queue",))
        if status(catalog, e, task).state == "tested"
        for broker in variants(e, task)
    ]


def bench_queue(entry, broker: str | None, catalog, services: Services, params: dict, cpus: tuple[str, str]) -> dict:
    """Jobs/s end to end through a real broker, after the background-job contract passes on it."""
    task = catalog.tasks["background-job"]
    p = params["queues"]
    try:
        failures, _ = check_snippet(entry, task, services, broker)
        if failures:
            return {"measured": False, "reason": "contract failed: " + "; ".join(map(str, failures))[:300]}
        runs = []
        for _ in range(p["runs"]):  # a fresh instance (and an emptied Redis) per run: no backlog carried over
            env = dict(task.env) | services.env_for(list(task.services), broker)
            with serve(entry, task.id, env=env, cpus=cpus[0]) as running:
                runs.append(jobs.measure(running.url, connections=p["connections"], seconds=p["seconds"], cpus=cpus[1]))
    except Exception as exc:  # recorded, and the run goes on
        return {"measured": False, "reason": f"{type(exc).__name__}: {exc}"[:300]}
    return {
        "measured": True,
        "contract": "passed",
        "worker": worker_command(entry, task.id),
        "jobs_per_s": measure.summary([r["jobs_per_s"] for r in runs]),
        "enqueue_rps": measure.summary([r["enqueue_rps"] for r in runs]),
        "jobs": [r["jobs"] for r in runs],
        "completed": [r["completed"] for r in runs],
        "has_errors": any(r["completed"] < r["jobs"] or any(r["errors"].values()) for r in runs),
        "errors": {k: sum(r["errors"][k] for r in runs) for k in runs[0]["errors"]},
    }


def main(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    params = dict(QUICK if args.quick else FULL)
    known = scenarios_of(catalog)
    asked = [*(args.scenarios or []), *(x for x in args.redo or [] if x not in EXTRAS)]
    if unknown := [s for s in asked if s not in known]:
        raise SystemExit(f"unknown scenario(s): {', '.join(unknown)}; valid: {', '.join([*known, *EXTRAS])}")
    cpus = (args.server_cpus, args.load_cpus)
    web = [e.id for e in catalog.of_kinds(MUST_COVER_KINDS) if e.snippets]
    if args.frameworks and (unknown := [f for f in args.frameworks if f not in catalog.entries]):
        raise SystemExit(f"unknown framework id(s): {', '.join(unknown)}")
    if args.quick:
        frameworks = [f for f in args.frameworks or ["flask"] if f in web]
        scenarios = args.scenarios or ["hello-json"]
    else:
        frameworks = [f for f in args.frameworks if f in web] if args.frameworks else web
        scenarios = args.scenarios or list(known)
    extras = [x for x in EXTRAS if x not in (args.skip or [])]
    run_id = args.run_id or dt.date.today().isoformat() + ("-quick" if args.quick else "")
    results = {
        "id": run_id,
        "kind": "repeat" if args.repeat_of else "quick" if args.quick else "full",
        **({"repeat_of": args.repeat_of} if args.repeat_of else {}),
        "provenance": provenance(*cpus),
        "parameters": params | {"scenarios": scenarios, "workers": 1},
        "ceiling": {},
        "frameworks": {},
    }
    out = Path(args.output) if args.output else DATA_DIR / "benchmarks" / f"{run_id}.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    redo = args.redo or []
    if (args.resume or redo) and out.exists():
        results = run_to_data(load_run(out))
        # parameters a later harness added (open loop, queues, WebSocket) are recorded when first used
        results["parameters"] = {k: v for k, v in params.items() if k not in results["parameters"]} | results["parameters"]
        if redo:
            # The run stays one run; what was measured again, when, with which harness and why is kept in it.
            amendment = {
                "date": provenance(*cpus)["date"],
                "harness_commit": provenance(*cpus)["harness_commit"],
                "scenarios": redo,
                "reason": args.reason or "re-measured",
                "load_average": [round(x, 2) for x in os.getloadavg()],
            }
            results["provenance"].setdefault("amendments", []).append(amendment)
        extras = [x for x in redo if x in EXTRAS] if redo else extras
    params = results["parameters"]

    def save() -> None:  # after every framework: a crash or Ctrl-C keeps what was measured
        where = results["provenance"]["amendments"][-1] if redo else results["provenance"]
        where["load_average_end"] = [round(x, 2) for x in os.getloadavg()]  # other work on the machine meanwhile
        write_run(results, out)

    ws_targets = [e for e in websocket_targets(catalog) if not args.frameworks or e.id in args.frameworks]
    queues = [(e, b) for e, b in queue_targets(catalog) if not args.frameworks or e.id in args.frameworks]
    if args.quick:
        ws_targets, queues = ws_targets[:1] if args.frameworks else [], queues[:1] if args.frameworks else []
    ws_targets = ws_targets if "websocket-echo" in extras else []
    queues = queues if "background-job" in extras else []
    services = Services()
    columns = [TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn()]
    try:
        with Progress(*columns, disable=not sys.stderr.isatty() and not args.progress) as progress:
            bar = progress.add_task("nginx ceiling", total=1 + len(frameworks) + len(ws_targets) + len(queues))
            if not results["ceiling"]:
                with nginx.ceiling(args.server_cpus) as url:
                    scenario = scenarios_of(catalog)["hello-json"]
                    results["ceiling"] = {"points": _points(url, scenario, params["concurrency"], params, args.load_cpus, None)}
            progress.advance(bar)
            for framework in frameworks:
                entry = catalog[framework]
                done = results["frameworks"].get(framework)
                if redo and done:
                    for name in redo:
                        progress.update(bar, description=f"{framework} · {name} (again)")
                        if name in known:
                            done["scenarios"][name] = _measure_one(entry, catalog, name, services, params, cpus)
                        elif name == "open-loop" and "hello-json" in done["scenarios"]:
                            _redo_open_loop(entry, catalog, services, params, cpus, done["scenarios"]["hello-json"])
                        elif name == "import-time":
                            done.pop("import_note", None)
                            done.update(_import_time(entry))
                    save()
                elif not done:
                    if "open-loop" not in extras:
                        params = params | {"open_loop": None}
                    results["frameworks"][framework] = bench_framework(
                        entry, catalog, services, params, scenarios, cpus, progress, bar
                    )
                    params = results["parameters"]
                    save()
                progress.advance(bar)
            for entry in ws_targets:
                progress.update(bar, description=f"{entry.id} · WebSocket echo")
                results.setdefault("websocket_echo", {})[entry.id] = bench_websocket(entry, catalog, services, params, cpus)
                save()
                progress.advance(bar)
            for entry, broker in queues:
                progress.update(bar, description=f"{entry.id} · jobs via {broker or 'its broker'}")
                key = broker or "default"
                results.setdefault("queues", {}).setdefault(entry.id, {})[key] = bench_queue(
                    entry, broker, catalog, services, params, cpus
                )
                save()
                progress.advance(bar)
    finally:
        services.stop()
    save()
    print(f"wrote {out}")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("bench", help="measure the snippets under load (wrk) beside an nginx ceiling")
    p.add_argument("--quick", action="store_true", help="one framework, one scenario, about two seconds of load")
    p.add_argument("--frameworks", nargs="*", help="ids (default: every web framework and API toolkit)")
    p.add_argument("--scenarios", nargs="*", help="scenario ids: the tasks with a `benchmark` block (default: all)")
    p.add_argument("--server-cpus", default="0", help="CPU list for the server under test (taskset)")
    p.add_argument("--load-cpus", default="1", help="CPU list for wrk and the upstream")
    p.add_argument("--run-id")
    p.add_argument("--output", help="results file (default: data/benchmarks/<run-id>.yaml)")
    p.add_argument("--progress", action="store_true", help="show the progress bar even without a terminal")
    p.add_argument("--resume", action="store_true", help="keep the frameworks already in the output file; measure the rest")
    p.add_argument(
        "--redo",
        nargs="+",
        metavar="SCENARIO_OR_EXTRA",
        help="in an existing run, measure these scenarios (or extras) again for every framework",
    )
    p.add_argument("--skip", nargs="+", choices=EXTRAS, help="leave out these measurements beyond the request scenarios")
    p.add_argument(
        "--repeat-of", metavar="RUN_ID", help="measure the frameworks again as a repeat of that run (for the run-to-run spread)"
    )
    p.add_argument("--reason", help="with --redo: why, recorded in the run's provenance")
    p.set_defaults(run=main)
