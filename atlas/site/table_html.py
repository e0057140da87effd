"""A Table as an HTML <table>: the one writer of matrix HTML, for the site's pages, the embeds and
the HTML fragment export. Rows carry data-id, cells data-col and data-value (for sorting and
filtering in docs/js/matrix.js). Text from data goes through atlas.site.inert.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from atlas.site.inert import html as e
from atlas.site.table_model import Cell, Table


def _href(link: str, base: str | None) -> str | None:
    """A cell's link as an href: sources as they are, site paths under base (none when base is None)."""
    if urlsplit(link).scheme:
        return link
    return None if base is None else base + link


def data_value(value: object) -> str:
    """A cell's raw value for its data-value attribute: true/false, numbers as written, lists comma-joined, null empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(map(str, value))
    return str(value)


def cell_html(cell: Cell, base: str | None) -> str:
    """The HTML of one cell's content. base=None drops links to pages of the site (a fragment for elsewhere)."""
    body = e(cell.label or cell.text)
    if cell.icon:
        body = f'<span aria-hidden="true">{e(cell.icon)}</span> {body}'
    if cell.mark:
        body = f'<span class="atlas-{cell.mark}">{body}</span>'
    href = _href(cell.link, base) if cell.link else None
    tip = f' title="{e(cell.tooltip)}"' if cell.tooltip else ""
    if href:
        body = f'<a href="{e(href)}"{tip}>{body}</a>'
    elif tip:
        body = f"<span{tip}>{body}</span>"
    if cell.flag:
        body += f' <span class="atlas-stale" title="{e(cell.flag_title or cell.flag)}">{e(cell.flag)}</span>'
    if cell.note_inline and cell.note:
        body += f" <small>{e(cell.note)}</small>"
    return body


def _td(col: str, cell: Cell, base: str | None) -> str:
    return f'<td data-col="{e(col)}" data-value="{e(data_value(cell.value))}">{cell_html(cell, base)}</td>'


def table_html(table: Table, base: str | None, caption: str = "") -> str:
    """A <table> for a Table: rows carry data-id, cells data-col and data-value (for sorting and filtering);
    a column whose values are all numbers says so with data-type="number" (3.10 sorts after 3.9 as text, not as 3.1).

    base is the relative prefix to the site root, or None for a fragment used outside the site.
    caption is trusted HTML (the caller escapes it)."""
    head = f'<th scope="col" data-col="name">{e(table.row_header)}</th>'
    for c in table.columns:
        title = e(c.title)
        if c.link and base is not None:
            title = f'<a href="{e(base + c.link)}">{title}</a>'
        tip = f' title="{e(c.description)}"' if c.description else ""
        kind = ' data-type="number"' if is_numeric(table, c.id) else ""
        head += f'<th scope="col" data-col="{e(c.id)}"{kind}{tip}>{title}</th>'
    rows = []
    for row in table.rows:
        name = e(row.name) if base is None else f'<a href="{e(base + row.link)}">{e(row.name)}</a>'
        cells = "".join(_td(c.id, row.cells[c.id], base) for c in table.columns)
        name_cell = f'<th scope="row" data-col="name" data-value="{e(row.name)}">{name}</th>'
        rows.append(f'<tr data-id="{e(row.id)}">{name_cell}{cells}</tr>')
    cls = ' class="atlas-sortable"' if table.sortable else ""
    return f'<table{cls} data-table="{e(table.id)}">{caption}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def column_values(table: Table, col: str) -> list[object]:
    """A column's known values (unknown and n/a left out)."""
    return [r.cells[col].value for r in table.rows if r.cells[col].value is not None]


def is_numeric(table: Table, col: str) -> bool:
    values = column_values(table, col)
    return bool(values) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
