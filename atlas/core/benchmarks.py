"""Benchmark runs as typed objects: one reader and one writer for data/benchmarks/<run>.yaml.

schemas/benchmark.schema.json guards the files; this model is what every consumer reads (the
site's tables and charts, the claims, the exports, the command line, the tests) and what the
harness writes, so no code indexes a run's dictionaries by hand. Reading and writing are generic
over the dataclasses below: a field added to the schema is a field added here, and
`tests/test_benchmarks_model.py` proves every committed run reads and writes back unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from atlas.core.stats import Figure
from atlas.core.yamlsafe import load_yaml, max_bytes

#: Keys whose null is data ("not measurable"), written even when None.
KEEP_NULL = "keep_null"


@dataclass(frozen=True)
class Summary:
    """A figure over repeated runs, with its 95 % interval (atlas.core.stats, the noise rule)."""

    median: float
    min: float
    max: float
    cv: float  # coefficient of variation over the runs (see `spread` for which runs)
    runs: list[float]
    low: float | None = None  # the interval of the median; runs before 2026-12 have none: min is used
    high: float | None = None
    interval: str | None = None  # bootstrap-95 | min-max
    spread: str | None = None  # across-repeats (interleaved, a fresh server each) | within-run (back to back)

    @property
    def figure(self) -> Figure:
        return Figure(self.median, self.min if self.low is None else self.low, self.max if self.high is None else self.high)

    @property
    def across_repeats(self) -> bool:
        return self.spread == "across-repeats"


@dataclass(frozen=True)
class Latency:
    p50: float
    p90: float
    p99: float
    p999: float
    max: float | None = None
    mean: float | None = None


@dataclass(frozen=True)
class Errors:
    connect: int = 0
    read: int = 0
    write: int = 0
    timeout: int = 0
    non_2xx_3xx: int = 0


@dataclass(frozen=True)
class Point:
    """One closed-loop measurement at a number of connections."""

    concurrency: int
    rps: Summary
    latency_ms: Latency
    errors: Errors
    has_errors: bool
    server_cpu_percent: float | None = None
    peak_rss_mb: float | None = None
    cpu_us_per_request: float | None = None  # server CPU time per completed request (median over repeats)
    connections_per_request: float | None = None  # TCP connections the load generator opened per request

    @property
    def failed(self) -> bool:
        """Errors, non-2xx answers, or no answers at all (a stalled server reports no errors)."""
        return self.has_errors or self.rps.median == 0


@dataclass(frozen=True)
class OpenLoopRun:
    target_rps: float
    achieved_rps: float
    kept_schedule: bool
    requests: int
    latency_ms: Latency
    errors: Errors
    fraction_of_peak: float
    has_errors: bool


@dataclass(frozen=True)
class Scenario:
    """One framework in one request scenario: its points, or why it was not measured."""

    measured: bool
    reason: str | None = None
    contract: str | None = None
    points: list[Point] = field(default_factory=list)
    open_loop: list[OpenLoopRun] | None = None
    open_loop_note: str | None = None

    @property
    def peak(self) -> Point | None:
        return max(self.points, key=lambda p: p.rps.median) if self.points else None

    def at(self, concurrency: int) -> Point | None:
        return next((p for p in self.points if p.concurrency == concurrency), None)

    @property
    def failed(self) -> bool:
        """Any point with errors, non-2xx answers or no answers."""
        return any(p.failed for p in self.points)


@dataclass(frozen=True)
class Observed:
    """What the running server did, as seen from outside it, not what its command asks for."""

    server_version: str | None
    http_parser: str  # from the compiled modules mapped into the server's processes
    event_loop: str
    native_modules: list[str]
    processes: int
    keep_alive: bool | None  # a second request on one connection was answered on it
    connections_per_request: float | None  # hello-json at 64 connections, from the kernel's TCP counters
    access_log_lines_per_request: float | None  # lines the server wrote per request under load


@dataclass(frozen=True)
class SetupResult:
    """One framework under one setup (atlas.core.setups): how it was served and what it measured."""

    kind: str  # a key of atlas.core.setups.SETUP_LABELS
    server: str
    worker_class: str
    workers: int
    command: str
    scenarios: dict[str, Scenario]
    packages: list[str] | None = None
    source: str | None = None
    observed: Observed | None = None


@dataclass(frozen=True)
class FrameworkResult:
    versions: dict[str, str]
    distributions: int
    env_size_mb: float
    import_module: str | None = field(metadata={KEEP_NULL: True})
    import_ms: float | None = field(metadata={KEEP_NULL: True})
    cold_start_ms: Summary
    setups: dict[str, SetupResult]
    import_note: str | None = None

    @property
    def lead(self) -> SetupResult:
        """The setup a one-row-per-framework view shows: the common server where measured, else as deployed."""
        for kind in ("common", "as-deployed"):
            if kind in self.setups and self.setups[kind].scenarios:
                return self.setups[kind]
        return next(iter(self.setups.values()))


@dataclass(frozen=True)
class WebSocketResult:
    measured: bool
    reason: str | None = None
    contract: str | None = None
    connections: int | None = None
    messages_per_s: Summary | None = None
    client_cpu_percent: float | None = None
    client_bound: bool | None = None
    server_cpu_percent: float | None = None
    peak_rss_mb: float | None = None


@dataclass(frozen=True)
class QueueResult:
    measured: bool
    reason: str | None = None
    contract: str | None = None
    worker: str | None = None
    jobs_per_s: Summary | None = None
    enqueue_rps: Summary | None = None
    jobs: list[int] | None = None
    completed: list[int] | None = None
    has_errors: bool | None = None
    errors: dict[str, int] | None = None


@dataclass(frozen=True)
class Ceiling:
    points: list[Point]

    @property
    def peak_rps(self) -> float:
        return max(p.rps.median for p in self.points)


@dataclass(frozen=True)
class Amendment:
    date: str
    harness_commit: str
    scenarios: list[str]
    reason: str
    load_average: list[float] | None = None
    load_average_end: list[float] | None = None


@dataclass(frozen=True)
class Provenance:
    date: str
    cpu_model: str
    cores: int
    kernel: str
    python: str
    harness_commit: str
    load_generator: dict
    ceiling_server: dict
    server_cpus: str
    load_cpus: str
    amendments: list[Amendment] | None = None
    load_average: list[float] | None = None
    load_average_end: list[float] | None = None
    missing_shards: list[int] | None = None  # a run merged with --allow-missing

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.date[:10])


@dataclass(frozen=True)
class Calibration:
    """What a shard measured to compare machines and detect drift."""

    reference: str  # framework@setup scenario connections
    reference_rps: Summary  # measured between frameworks throughout the shard
    drift: float  # (max - min) / median of those measurements
    ceiling_rps: float  # nginx, the same JSON, at 64 connections


@dataclass(frozen=True)
class Shard:
    """One part of a run, measured on one machine (`bench --shard K/N`)."""

    index: int
    count: int
    provenance: Provenance
    fingerprint: dict[str, str]
    calibration: Calibration
    items: list[str]  # framework@setup
    wall_seconds: float
    scale: float | None = None  # set by `bench merge`: the factor that put this shard on the first shard's machine (1: same)


@dataclass(frozen=True)
class CapacityStep:
    connections: int
    opened: int
    rss_mb: float
    echo_p50_ms: float | None
    echo_p99_ms: float | None
    errors: int


@dataclass(frozen=True)
class CapacityResult:
    """Idle WebSocket connections held open, and echo latency while they are."""

    measured: bool
    reason: str | None = None
    baseline_rss_mb: float | None = None
    steps: list[CapacityStep] | None = None
    kb_per_connection: float | None = None
    fd_limit: int | None = None


@dataclass(frozen=True)
class Run:
    id: str
    kind: str  # full | quick | repeat
    provenance: Provenance
    parameters: dict
    ceiling: Ceiling
    frameworks: dict[str, FrameworkResult]
    websocket_echo: dict[str, WebSocketResult] | None = None
    queues: dict[str, dict[str, QueueResult]] | None = None
    repeat_of: str | None = None
    shards: list[Shard] | None = None
    capacity: dict[str, CapacityResult] | None = None
    summary: list[dict] | None = None  # flat rows for other readers; written by write_run, never read

    @property
    def scenarios(self) -> list[str]:
        """The request scenarios this run measured, in its order."""
        return list(self.parameters.get("scenarios", []))

    def measured(self, scenario: str) -> dict[str, Scenario]:
        """{framework id: its result} in one scenario, under each framework's lead setup (one row each)."""
        out = {}
        for fid, fw in self.frameworks.items():
            sc = fw.lead.scenarios.get(scenario)
            if sc is not None and sc.measured and sc.points:
                out[fid] = sc
        return out

    def measured_setups(self, scenario: str, kinds: tuple[str, ...] | None = None) -> dict[tuple[str, str], Scenario]:
        """{(framework id, setup kind): result} in one scenario, for every setup (or those of `kinds`)."""
        out = {}
        for fid, fw in self.frameworks.items():
            for kind, setup in fw.setups.items():
                sc = setup.scenarios.get(scenario)
                if (kinds is None or kind in kinds) and sc is not None and sc.measured and sc.points:
                    out[(fid, kind)] = sc
        return out

    def setup(self, key: tuple[str, str]) -> SetupResult:
        return self.frameworks[key[0]].setups[key[1]]


# --- one reader, one writer ----------------------------------------------------------------------


def _build(kind: object, value: object) -> object:
    """value (plain YAML data) as an instance of the annotated type kind."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(kind) if a is not type(None)]
        return _build(inner[0], value)
    if dataclasses.is_dataclass(kind):
        return _from_dict(kind, value)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_build(item, v) for v in value]
    if origin is dict:
        _k, item = typing.get_args(kind)
        return {k: _build(item, v) for k, v in value.items()}
    if kind is float and isinstance(value, int):
        return value  # kept as written: 3 stays 3, so a run writes back unchanged
    return value


def _from_dict(cls: type, data: dict) -> object:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown field(s) {', '.join(sorted(unknown))}")
    return cls(**{k: _build(hints[k], v) for k, v in data.items()})


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value):
        out = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            if v is None and not f.metadata.get(KEEP_NULL):
                continue
            if v == [] and f.default_factory is list:  # an optional list the file leaves out when empty
                continue
            out[f.name] = _plain(v)
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def run_from_data(data: dict) -> Run:
    """A run from its file's data (already checked against the schema by the loader)."""
    return typing.cast(Run, _from_dict(Run, data))


def run_to_data(run: Run) -> dict:
    """The plain data of a run, as its file holds it."""
    return typing.cast(dict, _plain(run))


HEADER = "# Written by `python -m atlas bench`; see docs/benchmarks/method.md.\n"


def flat_summary(run: Run) -> list[dict]:
    """One flat row per (framework, setup, scenario, connections): the run's figures for readers who
    want a table rather than the nested raw data (documented in data/README.md)."""
    rows: list[dict] = []
    for fid, fw in run.frameworks.items():
        for kind, setup in fw.setups.items():
            for scenario, sc in setup.scenarios.items():
                base = {"framework": fid, "setup": kind, "server": setup.server, "scenario": scenario}
                if not sc.measured:
                    rows.append(base | {"measured": False, "reason": sc.reason})
                    continue
                for p in sc.points:
                    f = p.rps.figure
                    flags = ["errors"] if p.failed else []
                    if p.connections_per_request is not None and p.connections_per_request > 0.9:
                        flags.append("closes-connections")
                    rows.append(
                        base
                        | {
                            "connections": p.concurrency,
                            "rps_median": p.rps.median,
                            "rps_low": f.low,
                            "rps_high": f.high,
                            "interval": p.rps.interval or "min-max",
                            "repeats": len(p.rps.runs),
                            "us_per_request": p.cpu_us_per_request,
                            "p99_ms": p.latency_ms.p99,
                            "flags": flags,
                        }
                    )
    return rows


def load_run(path: Path) -> Run:
    """The one reader of a run file outside the catalog (the harness resuming a run): strict YAML, typed."""
    return run_from_data(typing.cast(dict, load_yaml(path.read_text(encoding="utf-8"), path.name, max_bytes("benchmark")).data))


def write_run(run: Run | dict, path: Path) -> None:
    """The one writer of data/benchmarks/<run>.yaml: a Run, or the plain data of a run still being
    measured (the harness saves after every framework, so a crash keeps what was measured)."""
    data = run_to_data(run) if isinstance(run, Run) else dict(run)
    data.pop("summary", None)
    data["summary"] = flat_summary(run_from_data(data))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
