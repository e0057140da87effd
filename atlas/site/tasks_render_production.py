"""Task-page words for the production tasks' step kinds (atlas/harness/production.py checks them),
and the tracing line on a trace-propagation tab. HTML built from data is escaped (atlas.site.inert)."""

from __future__ import annotations

from atlas.site.inert import html as e

#: How an upstream mode reads on a task page (the others read as their own name).
UPSTREAM_WORDS = {"transient": "failing transiently (503 twice, then 200)"}
LOG_FIELDS = {
    "timestamp": "<code>timestamp</code> (ISO 8601 with a UTC offset, within a minute of the request)",
    "level": "<code>level</code> (a level name)",
    "method": "<code>method</code>",
    "path": "<code>path</code>",
    "status": "<code>status</code> (the number the harness received)",
    "duration_ms": "<code>duration_ms</code> (a number of milliseconds, no more than the exchange took)",
    "request_id": "<code>request_id</code> (the response's <code>X-Request-ID</code>)",
}
TRACING = {
    "built-in": "the framework's own OpenTelemetry tracing",
    "instrumentation": "OpenTelemetry's instrumentation for the framework",
    "plain-headers": "the headers read and written by the snippet itself (no OpenTelemetry instrumentation exists)",
}


def describe_request_logs(spec: dict) -> tuple[str, str]:
    fields = ", ".join(LOG_FIELDS[name] for name in spec["fields"])
    return (
        "read what the server wrote on standard output since the contract began",
        "every line a JSON object; for each request above, exactly one line with a <code>status</code> that "
        f"carries its request id, with {fields}",
    )


def annotate(step: dict, request: str, expect: str) -> tuple[str, str]:
    """A request step's words with its production parts: the database switch and what the
    upstream must have received."""
    if step.get("database") == "down":
        request = f"with PostgreSQL <strong>stopped</strong> by the harness:<br>{request}"
    elif step.get("database") == "up":
        request = f"with PostgreSQL <strong>started again</strong>:<br>{request}"
        expect += "<br>from the same server processes as before the outage (no restart)"
    spec = step.get("upstream_received", {})
    if "count" in spec:
        expect += f"<br>the upstream received exactly {spec['count']} call(s)"
    if "min_pause" in spec:
        expect += f", at least {spec['min_pause']:g} s apart"
    if spec.get("traceparent") == "continued":
        expect += (
            "<br>the upstream's <code>traceparent</code> continues this trace: the same trace id, a new parent id, valid flags"
        )
    elif spec.get("traceparent") == "new":
        expect += "<br>the upstream's <code>traceparent</code> is valid and starts a new trace (a trace id not seen before)"
    for member in spec.get("tracestate_includes", []):
        expect += f"<br>the upstream's <code>tracestate</code> keeps <code>{e(member)}</code>"
    return request, expect


def tracing_line(tracing: dict | None) -> str:
    """What a framework's trace-propagation snippet uses, from its `snippets.tracing` data."""
    if not tracing:
        return ""
    packages = ", ".join(f"<code>{e(p)}</code>" for p in tracing.get("packages", []))
    return (
        f'<p class="atlas-tracing">Tracing: {TRACING[tracing["how"]]}'
        + (f", with {packages}" if packages else "")
        + f' <a class="atlas-source" href="{e(tracing["source"])}">source</a></p>'
    )
