"""Matrices out of the site: Markdown, CSV, JSON, an HTML fragment, MediaWiki and Confluence markup,
and the standalone embed page.

Every format is written from the one table model (atlas.site.tables), so a wiki copy, a download
and the site show the same cells. Text from data is escaped for each format here: a `|` or a
`<script>` in a name stays text in one cell, whatever the format.

    python -m atlas export --list
    python -m atlas export features-web --frameworks flask,fastapi --columns license,openapi --format mediawiki
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.site.inert import confluence_text, csv_writer, md_cell, mediawiki_text
from atlas.site.inert import html as e
from atlas.site.table_html import table_html
from atlas.site.table_model import Cell, Row, Table, UnknownIds
from atlas.site.tables import all_tables, get_table


def _url(url: str) -> str:
    """A source URL safe inside any markup's link syntax: characters that end a link or a cell percent-encoded."""
    return quote(url, safe=":/?#@!$&*+,;=%-._~")


# --- Markdown (GitHub-flavoured) ----------------------------------------------------------------


def _headings(table: Table) -> list[str]:
    """The header row of the flat formats: a column's group and unit join its title (Column.heading)."""
    return [table.row_header, *(c.heading for c in table.columns)]


def _row_words(row: Row) -> str:
    """A row's name, with its note in words (the site shows it as a marker): wiki copies keep the note."""
    return f"{row.name} ({row.note})" if row.note else row.name


def _md_value(cell: Cell) -> str:
    text = md_cell(cell.plain)
    return f"[{text}]({_url(cell.source)})" if cell.source and text else text


def to_markdown(table: Table) -> str:
    head = _headings(table)
    lines = ["| " + " | ".join(md_cell(h) for h in head) + " |", "|" + " --- |" * len(head)]
    for row in table.rows:
        cells = [md_cell(_row_words(row)), *(_md_value(row.cells[c.id]) for c in table.columns)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# --- CSV and JSON -------------------------------------------------------------------------------


def to_csv(table: Table) -> str:
    """One line per row: the entry id, its name, then each cell's words; formula-leading cells guarded (atlas.site.inert)."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["id", *_headings(table)])
    for row in table.rows:
        writer.writerow([row.id, row.name, *(row.cells[c.id].plain for c in table.columns)])
    return out.getvalue()


def _cell_json(cell: Cell) -> dict:
    return {
        "value": cell.value,
        "text": cell.text,
        "source": cell.source,
        "verified": cell.verified.isoformat() if cell.verified else None,
        "note": cell.note,
        "flag": cell.flag,
    }


def _column_json(column) -> dict:
    extra = {k: getattr(column, k) for k in ("unit", "group") if getattr(column, k)}
    return {"id": column.id, "title": column.title, "description": column.description, **extra}


def _row_json(table: Table, row: Row) -> dict:
    note = {"note": row.note} if row.note else {}
    return {"id": row.id, "name": row.name, **note, "cells": {c.id: _cell_json(row.cells[c.id]) for c in table.columns}}


def to_json(table: Table) -> str:
    """Values with their sources, verified dates and notes, and the columns' meanings (with unit and group when set)."""
    doc = {
        "id": table.id,
        "title": table.title,
        "description": table.description,
        "snapshot": table.snapshot.isoformat(),
        "page": table.page,
        **table.meta,
        "columns": [_column_json(c) for c in table.columns],
        "rows": [_row_json(table, r) for r in table.rows],
    }
    return json.dumps(doc, indent=1, ensure_ascii=False, default=str) + "\n"


# --- wiki markup --------------------------------------------------------------------------------


def _mw_value(cell: Cell) -> str:
    text = mediawiki_text(cell.plain)
    return f"[{_url(cell.source)} {text}]" if cell.source and text else text


def to_mediawiki(table: Table) -> str:
    caption = f"{table.title} (data snapshot {table.snapshot.isoformat()})"
    lines = ['{| class="wikitable sortable"', f"|+ {mediawiki_text(caption)}"]
    lines.append("! " + " !! ".join(mediawiki_text(h) for h in _headings(table)))
    for row in table.rows:
        lines.append("|-")
        lines.append("| " + " || ".join([mediawiki_text(_row_words(row)), *(_mw_value(row.cells[c.id]) for c in table.columns)]))
    lines.append("|}")
    return "\n".join(lines) + "\n"


def _confluence_value(cell: Cell) -> str:
    text = confluence_text(cell.plain)
    return f"[{text}|{_url(cell.source)}]" if cell.source and cell.plain else text


def to_confluence(table: Table) -> str:
    lines = ["||" + "||".join(confluence_text(h) for h in _headings(table)) + "||"]
    for row in table.rows:
        lines.append(
            "|" + "|".join([confluence_text(_row_words(row)), *(_confluence_value(row.cells[c.id]) for c in table.columns)]) + "|"
        )
    return "\n".join(lines) + "\n"


# --- HTML ---------------------------------------------------------------------------------------


def to_html(table: Table) -> str:
    """A <table> fragment with no script and no style: links go to sources only (pages of the site are not linked)."""
    caption = f"<caption>{e(table.title)} (data snapshot {table.snapshot.isoformat()})</caption>"
    return table_html(table, None, caption) + "\n"


#: The embed's whole style: light, readable, no fonts or images to fetch.
EMBED_CSS = """
body{margin:0;padding:8px;background:#fff;color:#1f2328;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
table{border-collapse:collapse}
caption{caption-side:top;text-align:left;padding:0 0 6px;color:#444}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
thead th,thead td{background:#f6f8fa;position:sticky;top:0}
thead tr:first-child:not(:last-child)>*{position:static}
tbody tr:nth-child(even),tbody tr:nth-child(even) th{background:#fafbfc}
tbody th{white-space:nowrap;background:#fff}
th[data-col="name"]{position:sticky;left:0;z-index:1}
td{white-space:nowrap}td.atlas-wrap{white-space:normal;min-width:13em}
thead th[data-col="name"]{z-index:2}
.atlas-unit{font-weight:normal;color:#555}
.atlas-notes{font-size:.85em;color:#444;margin-top:6px}
.atlas-notes ol{margin:4px 0;padding-left:2em}
a{color:#0b57d0}
small{color:#555}
.atlas-yes{color:#1b7f3b}.atlas-no{color:#a12626}.atlas-unknown{color:#6b5900;font-style:italic}.atlas-na{color:#6e7781}
.atlas-stale{font-size:.75em;text-transform:uppercase;border:1px solid currentColor;border-radius:3px;padding:0 3px;color:#8a4b00}
""".strip()

#: Enforced by the browser too: no script, no request to anyone for anything but inline style.
EMBED_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"


def embed_page(table: Table, base: str = "../../", filtered: str = "") -> str:
    """A complete page holding one matrix: inline style, no script, nothing fetched; links open in a new tab.

    base is the relative way back to the site root from /embed/<id>/; filtered describes a
    query-string selection, shown in the caption."""
    shown = f" · showing {e(filtered)}" if filtered else ""
    caption = (
        f"<caption><strong>{e(table.title)}</strong> · data snapshot {table.snapshot.isoformat()}{shown} · "
        f'<a href="{e(base + table.page)}">on the Atlas</a></caption>'
    )
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{EMBED_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{e(table.title)} · the Atlas</title>\n"
        '<link rel="icon" href="data:,">\n'
        '<base target="_blank">\n'
        f"<style>{EMBED_CSS}</style>\n"
        f"</head>\n<body>\n{table_html(table, base, caption)}\n</body>\n</html>\n"
    )


@dataclass(frozen=True)
class Format:
    """One export format: the one home of the list (the CLI's choices, the build's downloads, the
    links under every matrix and `atlas serve` all read FORMATS)."""

    id: str
    write: Callable[[Table], str]
    label: str
    media_type: str
    extension: str | None = None  # set for the formats the build writes under downloads/<matrix>.<extension>


FORMATS: dict[str, Format] = {
    f.id: f
    for f in (
        Format("csv", to_csv, "CSV", "text/csv; charset=utf-8", "csv"),
        Format("json", to_json, "JSON", "application/json", "json"),
        Format("markdown", to_markdown, "Markdown", "text/markdown; charset=utf-8", "md"),
        Format("html", to_html, "HTML fragment", "text/html; charset=utf-8"),
        Format("mediawiki", to_mediawiki, "MediaWiki", "text/plain; charset=utf-8"),
        Format("confluence", to_confluence, "Confluence", "text/plain; charset=utf-8"),
        Format("embed", embed_page, "Embeddable page", "text/html; charset=utf-8"),
    )
}
#: The formats the build writes as downloads, by file extension.
DOWNLOADS: dict[str, Format] = {f.extension: f for f in FORMATS.values() if f.extension}


def export(table: Table, fmt: str) -> str:
    if fmt not in FORMATS:
        raise UnknownIds(f"unknown format '{fmt}'; valid: {', '.join(FORMATS)}")
    return FORMATS[fmt].write(table)


def split_ids(text: str | None) -> list[str] | None:
    """`a,b` -> ["a", "b"]; None (not given) stays None so the filter is not applied."""
    if text is None:
        return None
    return [x.strip() for x in text.split(",") if x.strip()]


# --- command line -------------------------------------------------------------------------------


def _list(tables: dict[str, Table]) -> str:
    lines = []
    for t in tables.values():
        lines += [
            f"{t.id}: {t.title}",
            f"  frameworks: {', '.join(r.id for r in t.rows)}",
            f"  columns: {', '.join(c.id for c in t.columns)}",
        ]
    return "\n".join(lines) + "\n"


def _run(args: argparse.Namespace) -> int:
    catalog = load_catalog(Path(args.data))
    if args.list:
        sys.stdout.write(_list(all_tables(catalog)))
        return 0
    if not args.matrix:
        print(f"name a matrix (valid: {', '.join(all_tables(catalog))}) or use --list", file=sys.stderr)
        return 2
    try:
        table = get_table(catalog, args.matrix).select(split_ids(args.frameworks), split_ids(args.columns))
    except UnknownIds as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = export(table, args.format)
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output} ({len(table.rows)} rows, {len(table.columns)} columns)", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write a matrix as Markdown, CSV, JSON, an HTML fragment, MediaWiki or Confluence markup, or an embed page",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("matrix", nargs="?", help="matrix id (see --list)")
    p.add_argument("--list", action="store_true", help="list the matrices with their frameworks and columns")
    p.add_argument("--frameworks", help="comma-separated entry ids, in the order wanted (default: all)")
    p.add_argument("--columns", help="comma-separated column ids, in the order wanted (default: all)")
    p.add_argument("--format", choices=list(FORMATS), default="markdown", help="default: %(default)s")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.add_argument("--data", default=str(DATA_DIR), help="data directory (default: %(default)s)")
    p.set_defaults(run=_run)
