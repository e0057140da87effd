"""One run's (or shard's) measuring state: fresh instances per setup and scenario, each checked against
its contract first, loaded by wrk at every connection level, observed, and turned into run-file blocks."""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path

import httpx

from atlas.core.catalog import Catalog
from atlas.core.setups import Setup, setups_for
from atlas.core.snippets import locked_versions, status
from atlas.harness.bench import aggregate, extras, measure, observe, wrk
from atlas.harness.bench.plan import Item
from atlas.harness.bench.scenarios import LEAD, Scenario, scenarios_of
from atlas.harness.checks import check_snippet
from atlas.harness.envs import ensure_env
from atlas.harness.runner import Running, group_members, serve
from atlas.harness.services import Services, upstream


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


def framework_info(entry, venv: Path, cpus: str) -> dict:
    versions = locked_versions(entry.id)
    return {
        "versions": versions,
        "distributions": len(versions),
        "env_size_mb": measure.dir_size_mb(venv),
        **extras.import_time(entry),
        "cold_start_ms": extras.cold_start(entry, cpus),
        "setups": {},
    }


def reference(bench: Bench, item: Item, running: Running, samples: list[float]) -> None:
    """One measurement of the reference setup, kept running all shard long (drift detection)."""
    ref = bench.params["reference"]
    r = wrk.run(running.url + bench.known[LEAD].path, connections=ref["connections"], seconds=ref["seconds"], cpus=bench.cpus[1])
    if r["requests"] and not any(r["errors"].values()):
        samples.append(r["rps"])
