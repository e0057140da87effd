"""Check a running service against a task contract, over real HTTP.

Responses are compared as parsed JSON (frameworks differ in whitespace and key order) and
media types without their parameters (`application/json; charset=utf-8` is JSON). Every
step runs even after one fails, so a snippet author sees all that is wrong at once.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import httpx
import jwt
from prometheus_client.parser import text_string_to_metric_families

from .catalog import Task


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


def run_contract(task: Task, base_url: str, timeout: float = 10.0) -> list[Failure]:
    """Run every step of the task against base_url; return the failures (empty: it passes)."""
    failures: list[Failure] = []
    with httpx.Client(base_url=base_url, timeout=timeout, follow_redirects=False) as client:
        for step in task.steps:
            try:
                if "metric_delta" in step:
                    problems = _metric_delta(client, step["metric_delta"], task)
                else:
                    problems = check_response(send(client, step["request"], task), step["expect"])
            except httpx.HTTPError as exc:
                problems = [f"request failed: {type(exc).__name__}: {exc}"]
            failures.extend(Failure(step["name"], p) for p in problems)
    return failures
