"""Per matrix: "copy link to this view" and "Cite this table" under every matrix, for wiki pages that quote one.

A citation names the table's title, the site's version (mike sets MIKE_DOCS_VERSION when it builds
a release; other builds say "unreleased build"), the table's data snapshot date (Table.snapshot,
computed at build time) and the URL. The URL is the page's path here; docs/js/matrix.js puts the
reader's current URL in its place, filters and sort included, and copies it. Text from data is
escaped for each format (BibTeX braces, Markdown markup) and then for HTML (atlas.site.inert).
"""

from __future__ import annotations

import functools
import os
import re
from urllib.parse import urlsplit

from atlas.core.catalog import ROOT
from atlas.site.inert import bibtex_text as _bibtex
from atlas.site.inert import html as e
from atlas.site.inert import md_cell
from atlas.site.table_model import Table


def site_version() -> str | None:
    """The release being built by mike (`make release`), or None for any other build."""
    return os.environ.get("MIKE_DOCS_VERSION") or None


@functools.cache
def site_name() -> str:
    """The site's name, as mkdocs.yml gives it (the one home of it)."""
    found = re.search(r"^site_name:\s*(.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    return found.group(1).strip() if found else "The Atlas"


def _url(table: Table, encoding: str = "") -> str:
    """The URL placeholder: the page's path on the site, replaced by matrix.js with the reader's URL."""
    attr = f' data-encoding="{encoding}"' if encoding else ""
    return f'<span class="atlas-cite-url"{attr}>{e(table.page)}</span>'


def citations(table: Table) -> dict[str, str]:
    """{format label: the citation as HTML} (escaped text around the URL placeholder)."""
    version = site_version()
    edition = f"version {version}" if version else "unreleased build"
    day = table.snapshot
    name, title = site_name(), table.title
    key = re.sub(r"[^a-z0-9]+", "-", f"atlas {table.id} {day.isoformat()}".lower()).strip("-")
    bibtex = (
        f"@misc{{{key},\n  title = {{{_bibtex(title)}}},\n  author = {{{{{_bibtex(name)}}}}},\n"
        f"  year = {{{day.year}}},\n  note = {{{_bibtex(f'{edition}, data snapshot {day.isoformat()}')}}},\n"
        "  howpublished = {\\url{"
    )
    return {
        "Plain text": f"{e(title)}. {e(name)}, {e(edition)}, data snapshot {day.isoformat()}. {_url(table)}",
        "APA-like": (
            f"{e(name)}. ({day.year}, {day:%B} {day.day}). <i>{e(title)}</i> [Data table; {e(edition)}; "
            f"data snapshot {day.isoformat()}]. {_url(table)}"
        ),
        "BibTeX-like": f"{e(bibtex)}{_url(table, 'bibtex')}}}}}\n}}",
        "Markdown link (wikis)": (
            f"[{e(md_cell(f'{title} ({name}, data snapshot {day.isoformat()})'))}]({_url(table, 'markdown')})"
        ),
    }


def cite_block(table: Table) -> str:
    """The per-table controls: copy the link to this view, and a disclosure with the citation in several formats.

    Kept out of the search index (data-search-exclude, read by Material's search plugin): a citation
    repeats the table's title and adds nothing to find. The copy-link button is rendered hidden:
    docs/js/matrix.js shows it (without it, the citations are still there to select). Each citation is
    a code block, so the theme's own copy button (content.code.copy) copies it."""
    anchor = urlsplit(table.page).fragment
    items = "".join(
        f'<dt>{e(label)}</dt><dd><pre class="atlas-cite-text"><code>{text}</code></pre></dd>'
        for label, text in citations(table).items()
    )
    return (
        f'<div class="atlas-cite" data-for="{e(table.id)}" data-anchor="{e(anchor)}" data-search-exclude>'
        '<button type="button" class="atlas-copy-link" hidden>Copy link to this view</button> '
        f"<details><summary>Cite this table</summary><dl>{items}</dl></details>"
        '<output class="atlas-copied" aria-live="polite"></output></div>'
    )
