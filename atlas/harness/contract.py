"""Check a running service against a task contract, over real HTTP.

Responses are compared as parsed JSON (frameworks differ in whitespace and key order) and
media types without their parameters (`application/json; charset=utf-8` is JSON). Every
step runs even after one fails, so a snippet author sees all that is wrong at once.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import jwt
from prometheus_client.parser import text_string_to_metric_families

from atlas.core.catalog import Task
from atlas.core.steps import step_kind
from atlas.harness.production import Production


@dataclass
class Failure:
    step: str
    message: str

    def __str__(self) -> str:
        return f"{self.step}: {self.message}"


def _token(spec: dict, task: Task) -> str:
    now = int(time.time())
    claims = {"sub": spec["sub"], "iat": now, "exp": now + spec["expires_in"]}
    return jwt.encode(claims, spec.get("secret") or task.env["JWT_SECRET"], algorithm="HS256")


def send(client: httpx.Client, request: dict, task: Task) -> httpx.Response:
    headers = dict(request.get("headers", {}))
    if "bearer_token" in request:
        headers["Authorization"] = f"Bearer {_token(request['bearer_token'], task)}"
    kwargs: dict = {"headers": headers}
    if "json" in request:
        kwargs["json"] = request["json"]
    elif "body" in request:
        kwargs["content"] = request["body"].encode()
    return client.request(request["method"], request["path"], **kwargs)


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def media_matches(header: str, expected: str) -> bool:
    """Media type equality, parameters ignored; `application/json` also admits `+json` types
    (RFC 6839), such as the RFC 9457 `application/problem+json` error format."""
    media = header.split(";")[0].strip().lower()
    if expected == "application/json":
        return media == expected or (media.startswith("application/") and media.endswith("+json"))
    return media == expected


def check_response(response: httpx.Response, expect: dict) -> list[str]:
    """Every way the response misses its expectation, as sentences."""
    problems = []
    body = response.text
    status = expect["status"]
    allowed = status if isinstance(status, list) else [status]
    if response.status_code not in allowed:
        problems.append(f"status {response.status_code}, expected {' or '.join(map(str, allowed))}; body: {_short(body)!r}")
    if "content_type" in expect and not media_matches(response.headers.get("content-type", ""), expect["content_type"]):
        problems.append(f"Content-Type {response.headers.get('content-type')!r}, expected {expect['content_type']!r}")
    wants_json = any(k in expect for k in ("json", "json_subset", "json_keys", "json_type"))
    parsed = None
    if wants_json:
        try:
            parsed = json.loads(body)
        except ValueError:
            problems.append(f"body is not JSON: {_short(body)!r}")
    if parsed is not None or (wants_json and body.strip() == "null"):
        if "json" in expect and parsed != expect["json"]:
            problems.append(f"JSON body {parsed!r}, expected {expect['json']!r}")
        if "json_type" in expect:
            kind = {"object": dict, "array": list}[expect["json_type"]]
            if not isinstance(parsed, kind):
                problems.append(f"JSON body is {type(parsed).__name__}, expected an {expect['json_type']}")
        if "json_subset" in expect:
            for key, value in expect["json_subset"].items():
                if not isinstance(parsed, dict) or parsed.get(key) != value:
                    got = parsed.get(key) if isinstance(parsed, dict) else parsed
                    problems.append(f"JSON {key!r} is {got!r}, expected {value!r}")
        for key in expect.get("json_keys", []):
            if not isinstance(parsed, dict) or key not in parsed:
                problems.append(f"JSON body lacks {key!r}: {_short(body)!r}")
    for name, value in expect.get("headers", {}).items():
        if response.headers.get(name) != value:
            problems.append(f"header {name} is {response.headers.get(name)!r}, expected {value!r}")
    for name, prefix in expect.get("headers_start", {}).items():
        if not (response.headers.get(name) or "").startswith(prefix):
            problems.append(f"header {name} is {response.headers.get(name)!r}, expected it to start with {prefix!r}")
    for name in expect.get("headers_present", []):
        if not response.headers.get(name):
            problems.append(f"header {name} is missing")
    for needle in expect.get("body_contains", []):
        if needle not in body:
            problems.append(f"body does not mention {needle!r}: {_short(body)!r}")
    for needle in expect.get("body_excludes", []):
        if needle in body:
            problems.append(f"body leaks {needle!r}: {_short(body)!r}")
    return problems


def metric_value(text: str, metric: str, labels: dict[str, str]) -> float:
    """Sum of the samples named `metric` whose labels include `labels`."""
    total = 0.0
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == metric and all(sample.labels.get(k) == v for k, v in labels.items()):
                total += sample.value
    return total


def _metric_delta(client: httpx.Client, spec: dict, task: Task) -> list[str]:
    def scrape() -> float:
        response = client.get(spec["scrape"])
        response.raise_for_status()
        return metric_value(response.text, spec["metric"], spec["labels"])

    try:
        before = scrape()
        for request in spec["traffic"]:
            send(client, request, task)
        after = scrape()
    except (httpx.HTTPError, ValueError) as exc:
        return [f"scraping {spec['scrape']} failed: {exc}"]
    if after - before != spec["delta"]:
        labels = ",".join(f'{k}="{v}"' for k, v in spec["labels"].items())
        return [f"{spec['metric']}{{{labels}}} moved by {after - before:g}, expected {spec['delta']:g}"]
    return []


def _expect_within(response: httpx.Response, expect: dict, elapsed: float) -> list[str]:
    problems = check_response(response, expect)
    if "max_seconds" in expect and elapsed > expect["max_seconds"]:
        problems.append(f"answered after {elapsed:.1f} s, expected within {expect['max_seconds']:g} s")
    return problems


def _request_step(client: httpx.Client, step: dict, task: Task, saved: dict, upstream: object | None) -> list[str]:
    if "upstream" in step:
        if upstream is None:
            return ["the step needs the harness's upstream, and none is running"]
        upstream.set(step["upstream"])
    request = dict(step["request"], path=step["request"]["path"].format(**saved))
    deadline = time.monotonic() + step.get("poll", {}).get("seconds", 0)
    while True:
        start = time.monotonic()
        response = send(client, request, task)
        problems = _expect_within(response, step["expect"], time.monotonic() - start)
        if not problems or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    if not problems:
        for name, key in step.get("save", {}).items():
            saved[name] = response.json()[key]
    elif "poll" in step:
        problems = [f"still not so after {step['poll']['seconds']:g} s: {p}" for p in problems]
    return problems


def _sql_step(spec: dict, env: dict[str, str]) -> list[str]:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], connect_timeout=5) as conn:
        rows = [list(row) for row in conn.execute(spec["query"]).fetchall()]
    return [] if rows == spec["rows"] else [f"{spec['query']!r} returned {rows!r}, expected {spec['rows']!r}"]


def _ws_url(base_url: str, path: str) -> str:
    return base_url.replace("http://", "ws://", 1) + path


def _websocket_step(spec: dict, base_url: str) -> list[str]:
    from websockets.sync.client import connect

    problems = []
    with connect(_ws_url(base_url, spec["path"]), open_timeout=5, close_timeout=5) as ws:
        for message in spec["send"]:
            ws.send(message)
        for expected in spec["receive"]:
            got = ws.recv(timeout=5)
            if got != expected:
                problems.append(f"received {got!r}, expected {expected!r}")
        ws.close(1000)
        if ws.protocol.close_rcvd is None:
            problems.append("the server did not answer the closing handshake")
    return problems


def _broadcast_step(spec: dict, base_url: str) -> list[str]:
    import contextlib

    from websockets.sync.client import connect

    problems = []
    with contextlib.ExitStack() as stack:
        clients = [
            stack.enter_context(connect(_ws_url(base_url, spec["path"]), open_timeout=5, close_timeout=5))
            for _ in range(spec["clients"])
        ]
        clients[0].send(spec["send"])
        for index, ws in enumerate(clients):
            try:
                got = ws.recv(timeout=5)
            except TimeoutError:
                problems.append(f"client {index + 1} received nothing within 5 s")
                continue
            if got != spec["send"]:
                problems.append(f"client {index + 1} received {got!r}, expected {spec['send']!r}")
    return problems


def _graceful_step(spec: dict, task: Task, running: object) -> list[str]:
    import signal
    import threading

    result: dict = {}

    def call() -> None:
        with httpx.Client(base_url=running.url, timeout=spec["signal_after"] + 30) as client:
            try:
                result["response"] = send(client, spec["request"], task)
            except httpx.HTTPError as exc:
                result["error"] = exc

    thread = threading.Thread(target=call)
    thread.start()
    time.sleep(spec["signal_after"])
    os.kill(running.pid, signal.SIGTERM)  # to the server's main process, as an orchestrator does
    signalled = time.monotonic()
    thread.join(spec["signal_after"] + 35)
    if "error" in result:
        problems = [f"the in-flight request failed after SIGTERM: {type(result['error']).__name__}: {result['error']}"]
    elif "response" not in result:
        problems = ["the in-flight request got no answer"]
    else:
        problems = check_response(result["response"], spec["expect"])
    try:
        running.proc.wait(timeout=max(0.0, spec["exit_within"] - (time.monotonic() - signalled)))
    except Exception:
        problems.append(f"the server was still running {spec['exit_within']:g} s after SIGTERM")
    return problems


@dataclass
class _Context:
    """What a step's check may use: the HTTP client, the task, the running snippet, saved values."""

    client: httpx.Client
    task: Task
    running: object
    saved: dict[str, object]
    upstream: object | None
    production: Production


#: How each step kind (atlas.core.steps.STEP_KINDS) is checked.
CHECKS: dict[str, Callable[[dict, _Context], list[str]]] = {
    "request": lambda step, c: c.production.around(step, lambda: _request_step(c.client, step, c.task, c.saved, c.upstream)),
    "metric_delta": lambda step, c: _metric_delta(c.client, step["metric_delta"], c.task),
    "websocket": lambda step, c: _websocket_step(step["websocket"], c.running.url),
    "websocket_broadcast": lambda step, c: _broadcast_step(step["websocket_broadcast"], c.running.url),
    "sql": lambda step, c: _sql_step(step["sql"], c.running.env),
    "graceful_shutdown": lambda step, c: _graceful_step(step["graceful_shutdown"], c.task, c.running),
    "request_logs": lambda step, c: c.production.run(step),
}


def run_contract(
    task: Task, running: object, *, upstream: object | None = None, database: object | None = None, timeout: float = 10.0
) -> list[Failure]:
    """Run every step of the task against a running snippet; return the failures (empty: it passes).

    `running` is the runner's handle (its url, process and environment); `upstream` the
    harness's controllable upstream for tasks that call one; `database` its control of
    PostgreSQL for tasks that stop it (atlas/harness/production.py)."""
    failures: list[Failure] = []
    saved: dict[str, object] = {}
    production = Production(running, upstream, database)
    with httpx.Client(base_url=running.url, timeout=timeout, follow_redirects=False) as client:
        production.watch(client)
        for step in task.steps:
            try:
                problems = CHECKS[step_kind(step)](step, _Context(client, task, running, saved, upstream, production))
            except (httpx.HTTPError, OSError, TimeoutError, KeyError, ValueError) as exc:
                problems = [f"{type(exc).__name__}: {exc}"]
            except Exception as exc:  # websockets and psycopg errors: report, do not abort the contract
                problems = [f"{type(exc).__module__}.{type(exc).__name__}: {exc}"]
            failures.extend(Failure(step["name"], p) for p in problems)
    return failures
