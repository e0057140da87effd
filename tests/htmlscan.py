"""A tiny HTML reader for the built site: tables, resource URLs, text. Standard library only."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser


class Page(HTMLParser):
    """Collects what the tests ask of a built page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.resources: list[str] = []  # URLs the browser fetches by itself (not <a> links)
        self.links: list[str] = []
        self.rows: list[dict] = []  # every <tr>: its attrs and its cells' text
        self.text: list[str] = []
        self.scripts_inline: list[str] = []
        self._row: dict | None = None
        self._cell: list[str] | None = None
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "icon", "preload", "modulepreload", "manifest"):
            self.resources.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "tr":
            self._row = {"attrs": a, "cells": []}
        if tag in ("td", "th") and self._row is not None:
            self._cell = []
        if tag == "script":
            self._in_script = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts_inline.append(data)
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def row(self, data_id: str) -> dict:
        matches = [r for r in self.rows if r["attrs"].get("data-id") == data_id]
        assert len(matches) == 1, f"expected one row for {data_id}, found {len(matches)}"
        return matches[0]


def table_notes(html: str, table_id: str) -> dict[str, str]:
    """{marker number: note text} of the notes listed beneath a matrix (atlas.site.table_html.notes_html),
    without the words that say where each applies."""
    found = re.findall(rf'<li id="{re.escape(table_id)}-note-(\d+)"><span class="atlas-note-at">.*?</span> (.*?)</li>', html)
    return {number: unescape(text) for number, text in found}
