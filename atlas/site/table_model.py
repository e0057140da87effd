"""The one table model: a matrix as data (columns, rows, cells with their provenance), written out
by the site, the embeds, the downloads and the command line (atlas.site.render, atlas.site.export).

Nothing here is escaped or formatted for a medium: cells keep the raw value (for JSON), the value
in plain words (for CSV, Markdown and wikis) and what HTML needs on top (the link, the tooltip,
an icon and a CSS mark).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace


class UnknownIds(ValueError):
    """A filter named a matrix, framework or column that does not exist; the message lists valid ones."""


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    description: str = ""
    link: str | None = None  # a site path ("tasks/hello-json/") the header links to
    unit: str | None = None  # "req/s", "ms", "MB": said once in the header instead of in every cell
    group: str | None = None  # a header over neighbouring columns ("at 50% of peak"); consecutive columns share it

    @property
    def heading(self) -> str:
        """The header in one line, for formats without grouped headers (CSV, Markdown, wikis): group, title, unit."""
        text = f"{self.group}: {self.title}" if self.group else self.title
        return f"{text} ({self.unit})" if self.unit else text


@dataclass(frozen=True)
class Cell:
    """One value. `text` is the value in words; the rest is provenance and HTML presentation."""

    value: object = None  # the raw value, as in the data (JSON)
    text: str = ""  # plain text: CSV, Markdown, wiki markup
    source: str | None = None  # the https page that states the value
    verified: dt.date | None = None
    note: str | None = None  # the fact's detail, or why it is unknown / not applicable
    flag: str | None = None  # a warning in one word ("stale", "errors"), shown beside the value
    flag_title: str | None = None
    # HTML only:
    link: str | None = None  # the source URL, or a site path ("tasks/x/") for pages of the site
    tooltip: str | None = None
    label: str | None = None  # the visible words when they are shorter than `text`
    icon: str | None = None  # a symbol repeating the words (✓, ✗, ?), hidden from screen readers
    mark: str | None = None  # yes | no | unknown | na: the CSS class atlas-<mark>
    note_inline: bool = False  # show `note` with the value: a numbered marker, the note beneath the table

    @property
    def plain(self) -> str:
        """The words every text format writes: the value, and its flag if it has one."""
        return f"{self.text} ({self.flag})" if self.flag else self.text


@dataclass(frozen=True)
class Row:
    id: str  # the entry id (or entry and variant, as in `celery-redis`)
    name: str
    cells: dict[str, Cell]
    entry: str | None = None  # the entry a variant row belongs to, when `id` is not an entry id
    note: str | None = None  # about the whole row ("not measured yet: ..."): one marker by the name, not one per cell
    about_entry: bool = True  # False for rows about something else (a benchmark shard): no framework page to link

    @property
    def link(self) -> str | None:
        return f"frameworks/{self.entry or self.id}/" if self.about_entry else None


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    description: str
    page: str  # the site path of the page that shows it, with its anchor
    row_header: str  # the title of the first column (the entry's name)
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    snapshot: dt.date  # the date of the data: newest verified fact, or the benchmark run's date
    sortable: bool = False
    meta: dict = field(default_factory=dict)  # provenance beyond cells (the benchmark run id)

    def select(self, frameworks: Iterable[str] | None = None, columns: Iterable[str] | None = None) -> Table:
        """The same table with only these rows and columns, in the order given; unknown ids raise UnknownIds."""
        rows, cols = self.rows, self.columns
        if frameworks is not None:
            # an entry id picks every row of that entry (its setups, its brokers); a row id picks that row
            by_id: dict[str, list[Row]] = {}
            for r in self.rows:
                by_id.setdefault(r.id, []).append(r)
                if r.entry and r.entry != r.id:
                    by_id.setdefault(r.entry, []).append(r)
            _check_ids("framework", list(frameworks), by_id, self.id)
            rows = tuple({id(r): r for f in dict.fromkeys(frameworks) for r in by_id[f]}.values())
        if columns is not None:
            by_id = {c.id: c for c in self.columns}
            _check_ids("column", list(columns), by_id, self.id)
            cols = tuple(by_id[c] for c in dict.fromkeys(columns))
            rows = tuple(replace(r, cells={c.id: r.cells[c.id] for c in cols}) for r in rows)
        return replace(self, rows=rows, columns=cols)


def _check_ids(what: str, asked: list[str], valid: dict, table_id: str) -> None:
    unknown = [x for x in asked if x not in valid]
    if unknown:
        raise UnknownIds(f"unknown {what}(s) for {table_id}: {', '.join(unknown)}; valid: {', '.join(valid)}")
