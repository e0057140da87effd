"""Task pages: the contract in words, then every framework's snippet in linked tabs.

Snippet code is never copied into Markdown: each tab holds a pymdownx.snippets include of
snippets/<framework>/<task>.py, the very file the tests run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from atlas.core.catalog import Catalog, Entry, Task
from atlas.core.kinds import SNIPPET_KINDS
from atlas.core.snippets import PYTHON, command_for, effort, locked_versions, median_effort, pinned_version, status
from atlas.core.steps import step_kind
from atlas.site.inert import block, inline, prose
from atlas.site.inert import html as e
from atlas.site.render import entry_url, fact_cell, matrix_block
from atlas.site.search import UNINDEXED, unindexed, unindexed_markdown
from atlas.site.tables import EFFORT_CAVEAT, coverage_table, effort_table
from atlas.site.tasks_render_production import UPSTREAM_WORDS, annotate, describe_request_logs, tracing_line
from atlas.site.tested import entry_pythons_html, legend_html, task_pythons_html


def task_url(task_id: str, base: str) -> str:
    return f"{base}tasks/{task_id}/"


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def describe_request(request: dict) -> str:
    parts = [f"<code>{e(request['method'])} {e(request['path'])}</code>"]
    for name, value in request.get("headers", {}).items():
        parts.append(f"header <code>{e(name)}: {e(value)}</code>")
    if "json" in request:
        parts.append(f"JSON <code>{e(_compact(request['json']))}</code>")
    if "body" in request:
        parts.append(f"raw body <code>{e(request['body'])}</code>")
    if "bearer_token" in request:
        t = request["bearer_token"]
        life = f"expires in {t['expires_in']} s" if t["expires_in"] > 0 else f"expired {-t['expires_in']} s ago"
        signer = "signed with another secret" if "secret" in t else "signed with JWT_SECRET"
        parts.append(f"bearer JWT (sub <code>{e(t['sub'])}</code>, {life}, HS256, {signer})")
    return "<br>".join(parts)


def describe_expect(expect: dict) -> str:
    status = expect["status"]
    parts = [" or ".join(map(str, status)) if isinstance(status, list) else str(status)]
    if "content_type" in expect:
        suffix = " (or a <code>+json</code> type)" if expect["content_type"] == "application/json" else ""
        parts.append(f"<code>{e(expect['content_type'])}</code>{suffix}")
    if "json" in expect:
        parts.append(f"JSON <code>{e(_compact(expect['json']))}</code>")
    if "json_subset" in expect:
        parts.append(f"JSON including <code>{e(_compact(expect['json_subset']))}</code>")
    if "json_keys" in expect:
        parts.append("with " + ", ".join(f"<code>{e(k)}</code>" for k in expect["json_keys"]))
    if "json_type" in expect:
        parts.append(f"a JSON {e(expect['json_type'])}")
    for name, value in expect.get("headers", {}).items():
        parts.append(f"header <code>{e(name)}: {e(value)}</code>")
    for name, value in expect.get("headers_start", {}).items():
        parts.append(f"header <code>{e(name)}: {e(value)}…</code>")
    for name in expect.get("headers_present", []):
        parts.append(f"header <code>{e(name)}</code>")
    if expect.get("body_contains"):
        parts.append("mentions " + ", ".join(f"<code>{e(x)}</code>" for x in expect["body_contains"]))
    if expect.get("body_excludes"):
        parts.append("never shows " + ", ".join(f"<code>{e(x)}</code>" for x in expect["body_excludes"]))
    return "<br>".join(parts)


def _describe_metric_delta(step: dict) -> tuple[str, str]:
    m = step["metric_delta"]
    traffic = "<br>".join(describe_request(r) for r in m["traffic"])
    labels = ", ".join(f'{k}="{v}"' for k, v in m["labels"].items())
    return (
        f"scrape <code>{e(m['scrape'])}</code>, send<br>{traffic}<br>scrape again",
        f"<code>{e(m['metric'])}{{{e(labels)}}}</code> grows by {m['delta']:g}",
    )


def _describe_sql(step: dict) -> tuple[str, str]:
    return (
        f"query PostgreSQL directly: <code>{e(step['sql']['query'])}</code>",
        f"rows <code>{e(_compact(step['sql']['rows']))}</code>",
    )


def _describe_websocket(step: dict) -> tuple[str, str]:
    w = step["websocket"]
    sent = ", ".join(f"<code>{e(m)}</code>" for m in w["send"])
    got = ", ".join(f"<code>{e(m)}</code>" for m in w["receive"])
    return (
        f"open a WebSocket to <code>{e(w['path'])}</code>, send {sent}, then close (code 1000)",
        f"receive {got} in order; the server answers the close",
    )


def _describe_broadcast(step: dict) -> tuple[str, str]:
    b = step["websocket_broadcast"]
    return (
        f"connect {b['clients']} WebSocket clients to <code>{e(b['path'])}</code>; the first sends <code>{e(b['send'])}</code>",
        f"every client, the sender included, receives <code>{e(b['send'])}</code> within 5 s",
    )


def _describe_graceful(step: dict) -> tuple[str, str]:
    g = step["graceful_shutdown"]
    return (
        f"{describe_request(g['request'])}<br>SIGTERM to the server {g['signal_after']:g} s into it",
        f"{describe_expect(g['expect'])}<br>the process exits within {g['exit_within']:g} s",
    )


def _describe_request(step: dict) -> tuple[str, str]:
    request, expect = describe_request(step["request"]), describe_expect(step["expect"])
    if "upstream" in step:
        request = f"with the upstream <strong>{e(UPSTREAM_WORDS.get(step['upstream'], step['upstream']))}</strong>:<br>{request}"
    if "poll" in step:
        expect = f"within {step['poll']['seconds']:g} s (polling): {expect}"
    if "max_seconds" in step["expect"]:
        expect += f"<br>within {step['expect']['max_seconds']:g} s"
    return annotate(step, request, expect)


#: (what the harness does, what it expects) in words, for each step kind (atlas.core.steps.STEP_KINDS).
DESCRIBE: dict[str, Callable[[dict], tuple[str, str]]] = {
    "request": _describe_request,
    "metric_delta": _describe_metric_delta,
    "websocket": _describe_websocket,
    "websocket_broadcast": _describe_broadcast,
    "sql": _describe_sql,
    "graceful_shutdown": _describe_graceful,
    "request_logs": lambda step: describe_request_logs(step["request_logs"]),
}


def _describe_step(step: dict) -> tuple[str, str]:
    return DESCRIBE[step_kind(step)](step)


def _steps_table(task: Task) -> str:
    rows = []
    for number, step in enumerate(task.steps, 1):
        request, expect = _describe_step(step)
        rows.append(f'<tr data-step="{number}"><td>{e(step["name"])}</td><td>{request}</td><td>{expect}</td></tr>')
    return (
        f'<div class="atlas-facts" {UNINDEXED}><table><thead><tr><th scope="col">Step</th><th scope="col">Request</th>'
        f'<th scope="col">Expected</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def snippet_status(catalog: Catalog, entry: Entry, task: Task) -> tuple[str, str]:
    """(state, reason) for one framework and task; the states are atlas.core.snippets.status's."""
    found = status(catalog, entry, task)
    return found.state, found.reason


def run_command(entry: Entry, task: Task) -> str:
    prefix = "".join(f"{name}=change-me " for name in task.env)
    return prefix + command_for(entry, task.id, 8000)


def tested_with(catalog: Catalog, entry: Entry) -> str:
    """ "Django 5.2.19 (⚠ behind the latest, 6.1.3: ...), Gunicorn 27.0.1, CPython 3.11": the pins, and
    the latest release beside the entry's own pin where that pin is behind it."""
    pins = locked_versions(entry.id)
    parts = [f"{entry.name} {pins.get(entry.package.lower(), '?')}"]
    found = pinned_version(catalog, entry)
    if found.behind:
        parts[0] += f" (⚠ behind the latest, {found.latest}" + (f": {found.why})" if found.why else ")")
    server = entry.snippets["server"] if entry.snippets else None
    if server and server != entry.id:
        parts.append(f"{catalog[server].name} {pins.get(catalog[server].package.lower(), '?')}")
    return ", ".join(parts) + f", CPython {PYTHON}"


def _run_block(command: str) -> str:
    """The "Run" box above each snippet as HTML (the shape pymdownx.highlight gives a titled block):
    the command holds data, so it never enters Markdown, where a line could end the fence or be read
    by pymdownx.snippets as an include."""
    return (
        '<div class="language-sh highlight"><span class="filename">Run</span>'
        f"<pre><span></span><code>{e(command)}</code></pre></div>"
    )


def _effort_line(catalog: Catalog, entry: Entry, task: Task, base: str) -> str:
    """Setup effort beside the code: lines and the third-party packages the snippet imports."""
    found = effort(catalog, entry, task.id)
    if found is None:
        return ""
    packages = ", ".join(f"<code>{e(p)}</code>" for p in found.packages) or "none"
    return (
        f'<p class="atlas-effort"><a href="{base}tasks/#setup-effort">Setup effort</a>: {found.lines} lines; '
        f"third-party packages beyond the framework: {packages}</p>"
    )


def task_page(catalog: Catalog, task_id: str, base: str) -> str:
    """The page's Markdown: tabs, fences and atlas.site.inert tokens (the theme writes the title as its h1)."""
    task = catalog.tasks[task_id]
    lines = [block(f"<p>{prose(task.summary)}</p>"), ""]
    if task.notes:
        lines += ["## Why it matters", ""]
        lines += [
            block(f'<p>{prose(n["text"])} <a class="atlas-source" href="{e(n["source"])}">source</a></p>') for n in task.notes
        ]
        lines.append("")
    queues = [x for x in catalog.of_kinds(("task-queue",)) if task.id == "background-job" and "delivery" in x.facts]
    if queues:
        rows = "".join(
            f'<tr><th scope="row"><a href="{entry_url(q.id, base)}">{e(q.name)}</a></th>'
            f"<td>{fact_cell(q.facts['delivery'], catalog, base, dt.date.today())}</td>"
            f"<td>{e(q.facts['delivery'].detail or q.facts['delivery'].reason or '')}</td></tr>"
            for q in queues
        )
        lines += [
            "### Delivery guarantees",
            "",
            block(
                '<div class="atlas-facts"><table><thead><tr><th scope="col">Queue</th><th scope="col">By default</th>'
                f'<th scope="col">Detail</th></tr></thead><tbody>{rows}</tbody></table></div>'
            ),
            "",
        ]
    lines += ["## The contract", ""]
    lines += [
        block(
            "<p>Every snippet below is started by the test suite as a real server, under the production server its "
            "framework recommends, and must pass each of these steps over HTTP:</p>\n" + _steps_table(task)
        ),
        "",
        "## The code",
        "",
    ]
    code: list[str] = []
    for entry in catalog.of_kinds(SNIPPET_KINDS):
        if entry.kind not in task.applies_to:
            continue
        state, detail = snippet_status(catalog, entry, task)
        if state == "missing":
            continue
        code += [f'=== "{inline(e(entry.name))}"', ""]
        if state == "n/a":
            na = block(f'<p class="atlas-na">Not applicable: {e(detail)}</p>')
            code += [f"    {na}", ""]
            continue
        if state == "fails":
            code += [
                '    !!! failure "Does not pass this contract"',
                "",
                f"        {block(f'<p>{e(detail)} The tests run this snippet and expect it to fail.</p>')}",
                "",
            ]
        tested = (
            f'<p class="atlas-tested">Tested with {e(tested_with(catalog, entry))} · '
            f"{task_pythons_html(catalog, entry, task.id)} · "
            f'<a href="{entry_url(entry.id, base)}">about {e(entry.name)}</a></p>'
        ) + _effort_line(catalog, entry, task, base)
        if task.id == "trace-propagation":
            tested += tracing_line(entry.snippets.get("tracing"))
        code += [
            f"    {block(tested + _run_block(run_command(entry, task)))}",
            "",
            # The file the tests run, included by pymdownx.snippets from ids only (schema: slugs).
            f'    ```python title="snippets/{entry.id}/{task.id}.py"',
            f'    --8<-- "{entry.id}/{task.id}.py"',
            "    ```",
            "",
        ]
    # The listings are a click away on this page and would be two thirds of the search index (atlas.site.search).
    lines.append(unindexed_markdown("\n".join(code)))
    return "\n".join(lines)


def coverage_matrix(catalog: Catalog, base: str) -> str:
    """Framework by task: tested, fails (why), n/a (why), missing, or — (not for its kind)."""
    return legend_html(catalog) + matrix_block(coverage_table(catalog), base)


def tasks_index(catalog: Catalog, base: str) -> str:
    items = "".join(
        f'<li><a href="{task_url(t.id, base)}">{e(t.title)}</a>: {prose(t.summary.split(". ")[0].rstrip("."))}.</li>'
        for t in catalog.tasks.values()
    )
    intro = (
        "<p>The same tasks done in every framework. Each snippet is a complete program; the test suite starts it as a "
        "real server in its framework's own pinned environment and checks it against the task's contract over HTTP "
        "on every change, so <strong>tested</strong> below means it passed on the commit that built this page; "
        "<strong>fails</strong> marks a snippet that runs but cannot meet the contract, for the reason given, and the "
        "tests expect exactly that; <strong>n/a</strong> means the task does not apply, with the reason.</p>"
    )
    return "\n".join(
        [
            block(f"{intro}<ul>{items}</ul>"),
            "",
            "## Coverage",
            "",
            block(coverage_matrix(catalog, base)),
            "",
            "## Setup effort",
            "",
            block(f"<p>{e(EFFORT_CAVEAT)}</p>" + matrix_block(effort_table(catalog), base)),
        ]
    )


def framework_snippets(catalog: Catalog, entry_id: str, base: str) -> str:
    """The framework page's section on its snippets: how they run, what they were tested with."""
    entry = catalog[entry_id]
    if entry.kind not in SNIPPET_KINDS or not any(entry.kind in t.applies_to for t in catalog.tasks.values()):
        return ""
    lines = ["## Snippets", ""]
    if not entry.snippets:
        return "\n".join([*lines, block("<p>No snippets yet.</p>")])
    server = entry.snippets["server"]
    server_name = entry.name + " (its own server)" if server == entry.id else catalog[server].name
    pins = locked_versions(entry.id)
    runs = (
        f'<p {UNINDEXED}>Runs under <a href="{entry_url(server, base)}">{e(server_name)}</a>: '
        f"<code>{e(command_for(entry, '<task>', 8000))}</code>. Tested with {e(tested_with(catalog, entry))} "
        f"({entry_pythons_html(catalog, entry)}); "
        f"the environment pins {len(pins)} distributions in "
        f"<code>snippets/{e(entry.id)}/requirements.lock</code>.</p>"
    )
    items = []
    for task in catalog.tasks.values():
        if entry.kind not in task.applies_to:
            continue
        state, detail = snippet_status(catalog, entry, task)
        mark = {"tested": "✓ tested", "fails": f"✗ fails: {detail}", "n/a": f"n/a: {detail}", "missing": "✗ missing"}[state]
        items.append(f'<li><a href="{task_url(task.id, base)}">{e(task.title)}</a>: {e(mark)}</li>')
    summary = median_effort(catalog, entry)
    if summary:
        runs += (
            f'<p class="atlas-effort"><a href="{base}tasks/#setup-effort">Setup effort</a>: median {summary[0]:g} lines and '
            f"{summary[1]:g} third-party packages over the {summary[2]} tasks it passes.</p>"
        )
    # Each task's state is on its page and in the coverage matrix; the index keeps the paragraph above.
    lines.append(block(runs + unindexed(f"<ul>{''.join(items)}</ul>")))
    return "\n".join(lines)


def _states(catalog: Catalog, task: Task) -> dict[str, list[Entry]]:
    """The entries a task applies to, grouped by their snippet's state."""
    out: dict[str, list[Entry]] = {}
    for entry in catalog.of_kinds(SNIPPET_KINDS):
        if entry.kind in task.applies_to:
            out.setdefault(snippet_status(catalog, entry, task)[0], []).append(entry)
    return out


def task_link(catalog: Catalog, task_id: str, base: str) -> str:
    """A task's title linked to its page, with how many frameworks pass it (for the guides)."""
    task = catalog.tasks[task_id]
    states = _states(catalog, task)
    counted = [f"{len(states.get('tested', []))} passing"]
    counted += [f"{len(states[s])} {w}" for s, w in (("fails", "failing"), ("n/a", "not applicable")) if states.get(s)]
    return f'<a href="{task_url(task.id, base)}">{e(task.title)}</a> <small>({", ".join(counted)})</small>'


def task_passing(catalog: Catalog, task_id: str, base: str) -> str:
    """The frameworks whose snippet for the task passes its contract, linked; "none yet" if none."""
    passing = _states(catalog, catalog.tasks[task_id]).get("tested", [])
    return ", ".join(f'<a href="{entry_url(x.id, base)}">{e(x.name)}</a>' for x in passing) or "none yet"
