"""A Table as an HTML <table>: the one writer of matrix HTML, for the site's pages, the embeds and
the HTML fragment export. Rows carry data-id, cells data-col and data-value (for sorting and
filtering in docs/js/matrix.js). Text from data goes through atlas.site.inert.

Tables read the same from a 390 px phone to a wide screen: no cell stretches its row. A note shown
with a value, a note about a whole row and a value too long for a cell become numbered markers, with
the text beneath the table (in a disclosure when there are many); column groups get a header row of
their own, units sit in the header. The exports (atlas.site.export) keep the full words in the cells.
"""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlsplit

from atlas.site.inert import html as e
from atlas.site.table_model import Cell, Column, Row, Table

#: Visible characters beyond which a cell shows the start of its words and a marker to the whole text.
LONG = 60
#: How much of a long value a cell shows (cut at a word boundary).
SHOWN = 36
#: Cells with up to this many characters stay on one line; longer ones wrap in a wider column (class atlas-wrap).
NOWRAP = 24
#: Notes listed open beneath a table up to this many; more are behind a disclosure ("Notes (12)").
OPEN_NOTES = 3


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


def _words(cell: Cell) -> str:
    return cell.label or cell.text


def _clip(text: str) -> str:
    """The start of a long text, cut at a word boundary, with an ellipsis."""
    cut = text[:SHOWN].rsplit(" ", 1)[0] if " " in text[:SHOWN] else text[:SHOWN]
    return cut.rstrip(" ,;:") + "…"


def cell_note(cell: Cell) -> str | None:
    """What a cell's marker points to: the note it shows with its value, its whole words when too long
    for a cell (and the note too), or nothing."""
    inline = cell.note if cell.note_inline and cell.note else None
    if len(_words(cell)) > LONG:
        return f"{cell.text} ({inline})" if inline else cell.text
    return inline


def _notes(table: Table) -> dict[str, list[str]]:
    """{note text: where it applies ("Daphne, Worker model"; a row note names the row)} in reading order."""
    found: dict[str, list[str]] = {}
    for row in table.rows:
        if row.note:
            found.setdefault(row.note, []).append(row.name)
        for c in table.columns:
            text = cell_note(row.cells[c.id])
            if text:
                found.setdefault(text, []).append(f"{row.name}, {c.title}")
    return found


def note_numbers(table: Table) -> dict[str, int]:
    """{note text: its number} in reading order (row by row); the same text keeps one number."""
    return {text: n for n, text in enumerate(_notes(table), 1)}


def _places(places: list[str]) -> str:
    shown = "; ".join(places[:3])
    return shown + (f" and {len(places) - 3} more" if len(places) > 3 else "")


def _marker(table_id: str, number: int, note: str) -> str:
    """A superscript number linking to its note beneath the table; its text is the link's description too."""
    target = f"{table_id}-note-{number}"
    return (
        f'<a class="atlas-note-ref" href="#{e(target)}" target="_self" aria-describedby="{e(target)}" '
        f'title="{e(note)}"><sup>{number}</sup></a>'
    )


def notes_html(table: Table) -> str:
    """The notes the markers point to, numbered; behind a disclosure when there are more than OPEN_NOTES. Empty without notes."""
    notes = _notes(table)
    if not notes:
        return ""
    items = "".join(
        f'<li id="{e(table.id)}-note-{n}"><span class="atlas-note-at">{e(_places(places))}:</span> {e(text)}</li>'
        for n, (text, places) in enumerate(notes.items(), 1)
    )
    opened = " open" if len(notes) <= OPEN_NOTES else ""
    label = "Note" if len(notes) == 1 else f"Notes ({len(notes)})"
    return f'<details class="atlas-notes" data-for="{e(table.id)}"{opened}><summary>{label}</summary><ol>{items}</ol></details>'


def cell_html(cell: Cell, base: str | None, marker: str = "") -> str:
    """The HTML of one cell's content. base=None drops links to pages of the site (a fragment for elsewhere).

    marker is a note marker (from table_html) shown after the value; without one, a cell's inline note
    is written after the value in small type, as on a framework page's fact table."""
    words = _words(cell)
    body = e(_clip(words) if marker and len(words) > LONG else words)
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
    if marker:
        body += marker
    elif cell.note_inline and cell.note:
        body += f" <small>{e(cell.note)}</small>"
    return body


def _column_th(table: Table, c: Column, base: str | None) -> str:
    title = e(c.title)
    if c.link and base is not None:
        title = f'<a href="{e(base + c.link)}">{title}</a>'
    if c.unit:
        title += f' <span class="atlas-unit">({e(c.unit)})</span>'
    tip = f' title="{e(c.description)}"' if c.description else ""
    kind = ' data-type="number"' if is_numeric(table, c.id) else ""
    return f'<th scope="col" data-col="{e(c.id)}"{kind}{tip}>{title}</th>'


def _head(table: Table, base: str | None) -> str:
    """One header row, or two when columns have groups: the group labels over their columns, then every
    column's header. Every header row has as many cells as the body's rows (no rowspan): an empty cell
    stands over the name column and over columns without a group."""
    heads = f'<th scope="col" data-col="name">{e(table.row_header)}</th>' + "".join(
        _column_th(table, c, base) for c in table.columns
    )
    if not any(c.group for c in table.columns):
        return f"<tr>{heads}</tr>"
    top = ['<td class="atlas-corner"></td>']
    for group, run in groupby(table.columns, key=lambda c: c.group):
        span = len(list(run))
        if group is None:
            top.append(f'<td colspan="{span}"></td>')
        else:
            top.append(f'<th scope="colgroup" colspan="{span}" class="atlas-group"><span>{e(group)}</span></th>')
    return f"<tr>{''.join(top)}</tr><tr>{heads}</tr>"


def _row_html(table: Table, row: Row, base: str | None, numbers: dict[str, int]) -> str:
    def marker(note: str | None) -> str:
        return _marker(table.id, numbers[note], note) if note else ""

    name = e(row.name) if base is None or row.link is None else f'<a href="{e(base + row.link)}">{e(row.name)}</a>'

    def td(col: str, cell: Cell) -> str:
        wrap = ' class="atlas-wrap"' if len(_words(cell)) > NOWRAP else ""
        return (
            f'<td data-col="{e(col)}" data-value="{e(data_value(cell.value))}"{wrap}>'
            f"{cell_html(cell, base, marker(cell_note(cell)))}</td>"
        )

    cells = "".join(td(c.id, row.cells[c.id]) for c in table.columns)
    name_cell = f'<th scope="row" data-col="name" data-value="{e(row.name)}">{name}{marker(row.note)}</th>'
    return f'<tr data-id="{e(row.id)}">{name_cell}{cells}</tr>'


def table_html(table: Table, base: str | None, caption: str = "", notes: bool = True) -> str:
    """A <table> for a Table: rows carry data-id, cells data-col and data-value (for sorting and filtering);
    a column whose values are all numbers says so with data-type="number" (3.10 sorts after 3.9 as text, not as 3.1).

    base is the relative prefix to the site root, or None for a fragment used outside the site.
    caption is trusted HTML (the caller escapes it). The notes the markers point to follow the table
    (notes_html), unless notes=False: then the caller places notes_html itself (outside a scrolling box)."""
    numbers = note_numbers(table)
    rows = "".join(_row_html(table, row, base, numbers) for row in table.rows)
    cls = "atlas-table atlas-sortable" if table.sortable else "atlas-table"
    head = f"<thead>{_head(table, base)}</thead>"
    out = f'<table class="{cls}" data-table="{e(table.id)}">{caption}{head}<tbody>{rows}</tbody></table>'
    return out + notes_html(table) if notes else out


def column_values(table: Table, col: str) -> list[object]:
    """A column's known values (unknown and n/a left out)."""
    return [r.cells[col].value for r in table.rows if r.cells[col].value is not None]


def is_numeric(table: Table, col: str) -> bool:
    values = column_values(table, col)
    return bool(values) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
