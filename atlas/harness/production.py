"""The contract steps of the production tasks: readiness while the database is away, trace context
reaching the upstream, retries seen from the upstream's side, and the server's own log lines.

`run_contract` (atlas/contract.py) hands every step to a `Production` made for the run:

- `database: down | up` before a request stops PostgreSQL itself (a fast shutdown: sessions are
  ended, new connections refused) or starts it again on the same port; after `up` passes, the
  server must still be the same processes (it recovered, it was not restarted);
- `upstream_received` after a request checks what the harness's upstream got during the step:
  how many calls, how far apart, and the W3C `traceparent` and `tracestate` they carried;
- `request_logs` reads what the server wrote on standard output since the contract began and
  matches one JSON line to every request the contract sent, by its request id.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx

from atlas.harness.runner import group_members, start_process, stop_group
from atlas.harness.services import Process, Services, _wait_port

#: version 00, trace-id, parent-id, trace-flags (W3C Trace Context, section 3.2)
TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
LEVELS = {"debug", "info", "warning", "warn", "error", "critical", "fatal"}


def needs(task: object) -> set[str]:
    """What a task's steps need from the harness beyond a running server: `database` (control of
    PostgreSQL) and `stdout` (the server's standard output on its own)."""
    wanted = set()
    for step in task.steps:
        if "database" in step:
            wanted.add("database")
        if "request_logs" in step:
            wanted.add("stdout")
    return wanted


class Database:
    """Stops and restarts the PostgreSQL server of a `Services`, on the same port and data."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.stopped: Process | None = None

    def down(self) -> None:
        if self.stopped:
            return
        process = next(p for p in self.services.processes if p.name == "postgres")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.proc.pid, signal.SIGINT)  # PostgreSQL's fast shutdown
        deadline = time.monotonic() + 20
        while (process.proc.poll() is None or group_members(process.proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        stop_group(process.proc, 2)  # a no-op when it is gone; SIGKILL if it hung
        self.services.processes.remove(process)
        self.stopped = process

    def up(self) -> None:
        if not self.stopped:
            return
        old, self.stopped = self.stopped, None
        url = self.services.urls["postgres"]
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        log = old.log.with_name("postgres-restarted.log")
        process = Process("postgres", start_process(list(old.proc.args), log, cwd=self.services.root), log)
        self.services.processes.append(process)
        _wait_port(process, port, 30)
        import psycopg

        deadline = time.monotonic() + 30
        while True:  # accepting connections is not yet answering queries
            try:
                with psycopg.connect(url, connect_timeout=2) as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


@contextlib.contextmanager
def database_control(services: Services) -> Iterator[Database]:
    """A `Database` for one contract run; PostgreSQL runs again afterwards whatever happened."""
    database = Database(services)
    try:
        yield database
    finally:
        database.up()


@dataclass
class Exchange:
    """One request the contract's client sent, and what came back."""

    method: str
    path: str
    status: int
    request_id: str | None
    sent: float  # time.time() at sending
    seconds: float


@dataclass
class Production:
    running: object
    upstream: object | None = None
    database: Database | None = None
    request_id_header: str = "X-Request-ID"
    exchanges: list[Exchange] = field(default_factory=list)
    trace_ids: set[str] = field(default_factory=set)
    stdout_start: int = 0
    members: set[int] | None = None

    def watch(self, client: httpx.Client) -> None:
        """Record every exchange of the contract's client (for `request_logs`), from now on."""
        stdout = getattr(self.running, "stdout", None)
        self.stdout_start = stdout.stat().st_size if stdout and stdout.exists() else 0

        def record(response: httpx.Response) -> None:
            request = response.request
            self.exchanges.append(
                Exchange(
                    request.method,
                    request.url.path,
                    response.status_code,
                    response.headers.get(self.request_id_header),
                    request.extensions["atlas_sent"],
                    time.time() - request.extensions["atlas_sent"],
                )
            )

        def stamp(request: httpx.Request) -> None:
            request.extensions["atlas_sent"] = time.time()

        client.event_hooks["request"].append(stamp)
        client.event_hooks["response"].append(record)

    # -- steps ----------------------------------------------------------------------------
    def handles(self, step: dict) -> bool:
        return "request_logs" in step

    def run(self, step: dict) -> list[str]:
        return self._request_logs(step["request_logs"])

    def around(self, step: dict, request: Callable[[], list[str]]) -> list[str]:
        """A request step with its production parts: the database switched first, the upstream's
        calls counted around it and checked after it."""
        if "database" in step:
            if self.database is None:
                return ["the step needs control of the database, and the harness gave none"]
            if step["database"] == "down":
                self.members = set(group_members(self.running.pid))
                self.database.down()
            else:
                self.database.up()
        spec = step.get("upstream_received")
        before = self._calls()["total"] if spec and self.upstream else 0
        problems = request()
        sent = TRACEPARENT.match(step.get("request", {}).get("headers", {}).get("traceparent", ""))
        if sent:  # the caller's trace is not a new one for later steps either
            self.trace_ids.add(sent[1])
        if spec:
            problems += self._upstream_received(spec, step, before)
        if step.get("database") == "up" and not problems and self.members is not None:
            now = set(group_members(self.running.pid))
            if now != self.members:
                problems.append(
                    f"the server's processes changed while the database was away (before {sorted(self.members)}, "
                    f"now {sorted(now)}): it was restarted instead of recovering"
                )
        return problems

    # -- upstream_received ------------------------------------------------------------------
    def _calls(self) -> dict:
        response = httpx.get(f"{self.upstream.url}/_calls", timeout=5)
        response.raise_for_status()
        return response.json()

    def _upstream_received(self, spec: dict, step: dict, before: int) -> list[str]:
        if self.upstream is None:
            return ["the step needs the harness's upstream, and none is running"]
        time.sleep(0.05)  # a call the service made after answering (it should not) still counts
        calls = self._calls()
        count = calls["total"] - before
        got = calls["recent"][-count:] if count else []
        problems = []
        if "count" in spec and count != spec["count"]:
            problems.append(f"the upstream received {count} call(s), expected {spec['count']}")
        pauses = [b["at"] - a["at"] for a, b in itertools.pairwise(got)]
        short = [p for p in pauses if p < spec.get("min_pause", 0)]
        if short:
            shown = ", ".join(f"{p:.3f} s" for p in pauses)
            problems.append(f"calls to the upstream were {shown} apart, expected at least {spec['min_pause']:g} s (a backoff)")
        if "traceparent" in spec:
            if not got:
                problems.append("the upstream received no call, so no traceparent")
            sent = step["request"].get("headers", {}).get("traceparent")
            for call in got:
                problems += self._traceparent(call.get("traceparent"), spec["traceparent"], sent)
        for member in spec.get("tracestate_includes", []):
            for call in got:
                members = [m.strip() for m in (call.get("tracestate") or "").split(",")]
                if member not in members:
                    problems.append(
                        f"the upstream received tracestate {call.get('tracestate')!r}, expected it to keep {member!r}"
                    )
        return problems

    def _traceparent(self, received: str | None, want: str, sent: str | None) -> list[str]:
        if not received:
            return ["the upstream received no traceparent header"]
        match = TRACEPARENT.match(received)
        if not match or set(match[1]) == {"0"} or set(match[2]) == {"0"}:
            return [f"the upstream received traceparent {received!r}, which is not a valid version-00 traceparent"]
        trace_id, parent_id, flags = match.groups()
        problems = []
        if int(flags, 16) & ~0x03:  # sampled (Level 1) and random trace id (Level 2) are the defined bits
            problems.append(f"traceparent {received!r} sets undefined trace-flags bits (only sampled and random are defined)")
        if want == "continued":
            caller = TRACEPARENT.match(sent or "")
            if caller is None:
                return [*problems, "the step sends no valid traceparent to continue"]
            if trace_id != caller[1]:
                problems.append(f"the upstream received trace id {trace_id}, expected the caller's {caller[1]}")
            if parent_id == caller[2]:
                problems.append(
                    f"the upstream received the caller's own parent id {parent_id}: no span of the service in between"
                )
        elif trace_id in self.trace_ids:
            problems.append(f"the upstream received trace id {trace_id}, which an earlier request already used: not a new trace")
        self.trace_ids.add(trace_id)
        return problems

    # -- request_logs -----------------------------------------------------------------------
    def _stdout_lines(self) -> list[str]:
        stdout = getattr(self.running, "stdout", None)
        if stdout is None:
            raise ValueError("the runner did not capture the server's standard output")
        with open(stdout, "rb") as f:
            f.seek(self.stdout_start)
            return f.read().decode(errors="replace").splitlines()

    def _request_logs(self, spec: dict) -> list[str]:
        exchanges = list(self.exchanges)
        if not exchanges:
            return ["no request was sent before this step, so there is nothing to find in the logs"]
        deadline = time.monotonic() + spec.get("within", 2)
        while True:  # lines may lag behind responses: wait for every request id, within bounds
            lines = self._stdout_lines()
            objects = []
            for line in lines:
                with contextlib.suppress(ValueError):
                    objects.append(json.loads(line))
            ids = {o.get("request_id") for o in objects if isinstance(o, dict)}
            if all(x.request_id in ids for x in exchanges) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        problems = []
        bad = [line for line in lines if line.strip() and not _is_object(line)]
        if bad:
            problems.append(
                f"{len(bad)} line(s) of standard output are not JSON objects, e.g. {_short(bad[0])!r}"
                + (f" and {_short(bad[-1])!r}" if len(bad) > 1 else "")
            )
        records = [json.loads(line) for line in lines if line.strip() and _is_object(line)]
        for x in exchanges:
            what = f"{x.method} {x.path}"
            if not x.request_id:
                problems.append(f"the response to {what} has no {self.request_id_header} header to find its log line by")
                continue
            mine = [r for r in records if r.get("request_id") == x.request_id and "status" in r]
            if len(mine) != 1:
                problems.append(
                    f"{len(mine)} JSON lines with a status carry request_id {x.request_id!r} ({what}), expected exactly one"
                )
                continue
            problems += [f"the line for {what}: {p}" for p in _check_record(mine[0], x, spec["fields"])]
        return problems


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _check_record(record: dict, x: Exchange, fields: list[str]) -> list[str]:
    """Each listed field of one request's log line, against what the harness saw."""
    problems = [f"lacks {name!r}" for name in fields if name not in record]
    present = [name for name in fields if name in record]
    for name in present:
        value = record[name]
        if name == "timestamp":
            problems += _check_timestamp(value, x.sent)
        elif name == "level":
            if not isinstance(value, str) or value.lower() not in LEVELS:
                problems.append(f"level {value!r} is not a log level name")
        elif name == "method" and value != x.method:
            problems.append(f"method {value!r}, expected {x.method!r}")
        elif name == "path" and value != x.path:
            problems.append(f"path {value!r}, expected {x.path!r}")
        elif name == "status" and (type(value) is not int or value != x.status):
            problems.append(f"status {value!r}, expected the number {x.status}")
        elif name == "duration_ms":
            if type(value) not in (int, float) or value < 0:
                problems.append(f"duration_ms {value!r} is not a non-negative number")
            elif value > x.seconds * 1000 + 100:
                problems.append(
                    f"duration_ms {value!r} exceeds the {x.seconds * 1000:.1f} ms the whole exchange took: not milliseconds?"
                )
        elif name == "request_id" and value != x.request_id:
            problems.append(f"request_id {value!r}, expected {x.request_id!r}")
    return problems


def _check_timestamp(value: object, sent: float) -> list[str]:
    try:
        when = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        return [f"timestamp {value!r} is not an ISO 8601 date and time with a UTC offset"]
    if abs(when.timestamp() - sent) > 60:
        return [f"timestamp {value!r} is more than a minute away from when the request was sent"]
    return []
