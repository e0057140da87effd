"""HTML for the site, built from the catalog.

Everything from data passes through `html.escape` here, in one place: a summary holding
`<script>` or `|` shows as text and cannot break a table or a page. Output is plain HTML
(no Markdown), so Markdown syntax in data stays literal too.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from urllib.parse import urlsplit

from .catalog import Catalog, Entry, Fact, FactSpec, fact_groups, facts_for_kind

#: Matrices on the compare page: (anchor, title, kinds).
MATRICES = [
    ("web", "Web frameworks and API toolkits", ("web-framework", "api-toolkit", "realtime-extension", "rpc-framework")),
    ("queues", "Task queues", ("task-queue",)),
    ("servers", "Production servers", ("server",)),
]
LINK_LABELS = {"homepage": "Homepage", "docs": "Documentation", "repository": "Repository", "pypi": "PyPI"}


def e(text: object) -> str:
    return escape(str(text), quote=True)


def prose(text: str) -> str:
    """Escaped text in which `backticks` become <code>: escaping first keeps it safe."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", e(text))


def entry_url(entry_id: str, base: str) -> str:
    return f"{base}frameworks/{entry_id}/"


def base_for(page_url: str) -> str:
    """Relative prefix from a page's URL (`compare/`) back to the site root (`../`)."""
    depth = len([p for p in page_url.strip("/").split("/") if p])
    return "../" * depth


def _value_text(fact: Fact, catalog: Catalog, base: str) -> str:
    v = fact.value
    if isinstance(v, bool):
        icon, word, cls = ("✓", "Yes", "atlas-yes") if v else ("✗", "No", "atlas-no")
        return f'<span class="{cls}"><span aria-hidden="true">{icon}</span> {word}</span>'
    if isinstance(v, list):
        return ", ".join(e(catalog[x].name) if x in catalog.entries else e(x) for x in v)
    return e(v)


def fact_cell(fact: Fact | None, catalog: Catalog, base: str, today: dt.date) -> str:
    """One value: linked to its source, dated in its tooltip, unknown and stale marked in words."""
    if fact is None:
        return '<span class="atlas-na">n/a</span>'
    tip = [f"Verified {fact.verified.isoformat()}"]
    if not fact.known:
        tip.append(f"Unknown: {fact.reason}")
        body = '<span class="atlas-unknown"><span aria-hidden="true">?</span> Unknown</span>'
    else:
        if fact.detail:
            tip.append(fact.detail)
        body = _value_text(fact, catalog, base)
    if fact.source:
        body = f'<a href="{e(fact.source)}" title="{e(" — ".join(tip))}">{body}</a>'
    else:
        body = f'<span title="{e(" — ".join(tip))}">{body}</span>'
    if fact.is_stale(today):
        body += f' <span class="atlas-stale" title="Verified {fact.verified.isoformat()}, over 180 days ago">stale</span>'
    return body


def _matrix_columns(kinds: tuple[str, ...]) -> list[FactSpec]:
    seen: dict[str, FactSpec] = {}
    for kind in kinds:
        for spec in facts_for_kind(kind):
            seen.setdefault(spec.id, spec)
    return list(seen.values())


def matrix_html(catalog: Catalog, kinds: tuple[str, ...], base: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    columns = _matrix_columns(kinds)
    head = "".join(f'<th scope="col" title="{e(c.description)}">{e(c.title)}</th>' for c in columns)
    rows = []
    for entry in catalog.of_kinds(kinds):
        cells = "".join(f"<td>{fact_cell(entry.facts.get(c.id), catalog, base, today)}</td>" for c in columns)
        rows.append(
            f'<tr data-id="{e(entry.id)}"><th scope="row"><a href="{entry_url(entry.id, base)}">{e(entry.name)}</a></th>'
            f"<td>{e(entry.kind_label)}</td>{cells}</tr>"
        )
    return (
        '<div class="atlas-matrix"><table>'
        f'<thead><tr><th scope="col">Name</th><th scope="col">Kind</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def compare_page(catalog: Catalog, base: str, today: dt.date | None = None) -> str:
    parts = []
    for anchor, title, kinds in MATRICES:
        if catalog.of_kinds(kinds):
            parts.append(f'<h2 id="{anchor}">{e(title)}</h2>\n\n{matrix_html(catalog, kinds, base, today)}')
    return "\n\n".join(parts)


def _source_link(fact: Fact) -> str:
    if not fact.source:
        return "—"
    host = urlsplit(fact.source).hostname or fact.source
    return f'<a href="{e(fact.source)}">{e(host)}</a>'


def framework_page(catalog: Catalog, entry_id: str, base: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    entry = catalog[entry_id]
    refs = " ".join(f'<a href="{entry_url(r, base)}">{e(catalog[r].name)}</a>' for r in entry.builds_on)
    lines = [f"# {md_text(entry.name)}", ""]
    meta = f'<p class="atlas-kind"><strong>{e(entry.kind_label)}</strong>'
    if refs:
        meta += f" · builds on {refs}"
    lines += [meta + "</p>", "", f'<p class="atlas-summary">{prose(entry.summary)}</p>', ""]
    links = " · ".join(f'<a href="{e(entry.links[k])}">{e(label)}</a>' for k, label in LINK_LABELS.items())
    lines += [f'<p class="atlas-links">{links}</p>', ""]
    for _gid, (title, kinds, specs) in fact_groups().items():
        if entry.kind not in kinds:
            continue
        rows = []
        for spec in specs:
            fact = entry.facts[spec.id]
            note = e(fact.detail or "") if fact.known else e(fact.reason or "")
            rows.append(
                f'<tr id="fact-{e(spec.id)}"><th scope="row" title="{e(spec.description)}">{e(spec.title)}</th>'
                f"<td>{fact_cell(fact, catalog, base, today)}</td><td>{note}</td>"
                f"<td>{_source_link(fact)}</td><td>{fact.verified.isoformat()}</td></tr>"
            )
        lines += [
            f"## {md_text(title)}",
            "",
            '<div class="atlas-facts"><table><thead><tr><th scope="col">Fact</th><th scope="col">Value</th>'
            '<th scope="col">Detail</th><th scope="col">Source</th><th scope="col">Verified</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>",
            "",
        ]
    if entry.highlights:
        lines += ["## What it does best", ""]
        for h in entry.highlights:
            shown = f' <a href="{base}tasks/{e(h["task"])}/">See it in the tests</a>.' if h.get("task") else ""
            lines += [
                f"<p><strong>{e(h['title'])}.</strong> {prose(h['text'])} "
                f'<a class="atlas-source" href="{e(h["source"])}">source</a>.{shown}</p>',
                "",
            ]
    built_on_by = [x for x in catalog if entry.id in x.builds_on]
    served = [x for x in catalog if x.id != entry.id and entry.id in _servers(x)]
    for title, group in (("Built on by", built_on_by), ("Recommended by", served)):
        if group:
            items = "".join(f'<li><a href="{entry_url(x.id, base)}">{e(x.name)}</a></li>' for x in group)
            lines += [f"## {title}", "", f"<ul>{items}</ul>", ""]
    return "\n".join(lines)


def _servers(entry: Entry) -> list[str]:
    fact = entry.facts.get("production_servers")
    return fact.value if fact and fact.value else []


def frameworks_index(catalog: Catalog, base: str) -> str:
    lines = ["# Frameworks", ""]
    for anchor, title, kinds in MATRICES:
        group = catalog.of_kinds(kinds)
        if not group:
            continue
        items = "".join(f'<li><a href="{entry_url(x.id, base)}">{e(x.name)}</a> — {e(x.kind_label)}</li>' for x in group)
        lines += [f'<h2 id="{anchor}">{e(title)}</h2>', "", f"<ul>{items}</ul>", ""]
    return "\n".join(lines)


def md_text(text: str) -> str:
    """Text safe inside a Markdown heading: HTML-escaped, Markdown punctuation backslashed."""
    out = escape(text, quote=False)
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|~<>" else ch for ch in out)
