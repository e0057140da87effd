"""`python -m atlas weight`: what each page type costs a reader to load, against its budget.

Each representative page (atlas.browser.PAGE_TYPES) is opened in a fresh chromium context, so
nothing comes from the cache, and every response it receives is counted, grouped by resource
type. Two sizes are kept per response: the body uncompressed (the browser hands it over decoded,
though `atlas serve` gzips text like a static host) and that body gzipped at level 6, which is
what a static host such as GitHub Pages sends for text. The budget applies to the gzipped
figure, the bytes a reader's connection carries; images and fonts are counted as served, since
they are compressed formats already. Chart pages are scrolled through, so the Plotly bundle that
their charts load on the way is counted too.

Budgets (1 KB = 1000 bytes): a page without charts at most 330 KB, a page with charts at most
1.6 MB. The full plotly.js alone (4.8 MB, 1.47 MB gzipped) would not fit beside the rest of a
chart page; the partial bundle (plotly-basic, 1.19 MB, 396 KB gzipped) does.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from dataclasses import dataclass, field
from pathlib import Path

from atlas.core.catalog import ROOT
from atlas.harness.browser import PAGE_TYPES, PageType, launch, scroll_through_charts
from atlas.harness.served import serving

KB = 1000
BUDGET = {False: 330 * KB, True: 1600 * KB}  # charts? -> bytes
#: Columns of the report, in order; Playwright's resource types map onto them.
KINDS = ("HTML", "CSS", "JS", "fonts", "images", "other")
_KIND_OF = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "font": "fonts", "image": "images"}
_COMPRESSED = ("fonts", "images")


@dataclass
class PageWeight:
    """Bytes one page type received, per kind: as served and as a compressing host sends them."""

    page: PageType
    served: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    sent: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    urls: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.sent.values())

    @property
    def budget(self) -> int:
        return BUDGET[self.page.charts]

    @property
    def over(self) -> bool:
        return self.total > self.budget

    def add(self, kind: str, body: bytes) -> None:
        self.served[kind] += len(body)
        self.sent[kind] += len(body) if kind in _COMPRESSED or not body else len(gzip.compress(body, compresslevel=6))


def _kind(resource_type: str, content_type: str) -> str:
    if content_type.startswith("image/"):  # the favicon is requested as type "other"
        return "images"
    return _KIND_OF.get(resource_type, "other")


def weigh(page_type: PageType, responses) -> PageWeight:
    """Count the bodies of the Playwright responses one load of page_type received."""
    weight = PageWeight(page_type)
    for response in responses:
        weight.urls.append(response.url)
        kind = _kind(response.request.resource_type, response.headers.get("content-type", ""))
        weight.add(kind, response.body() if response.status < 300 else b"")
    return weight


def _measure(browser, url: str, page_type: PageType) -> PageWeight:
    context = browser.new_context()  # a fresh context: an empty cache
    responses = []
    context.on("response", lambda r: responses.append(r))  # the page's and its workers' (the search index)
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        scroll_through_charts(page)  # Plotly comes when a chart is scrolled to: a reader of the whole page pays for it
        page.wait_for_load_state("networkidle")
        return weigh(page_type, responses)
    finally:
        context.close()


def measure(browser, base_url: str, page_types: tuple[PageType, ...] = PAGE_TYPES) -> list[PageWeight]:
    """Load each page type with an empty cache until the network is idle; count every response body."""
    return [_measure(browser, base_url + page_type.path, page_type) for page_type in page_types]


def _kb(n: int) -> str:
    return f"{n / KB:,.1f}"


def report(weights: list[PageWeight]) -> list:
    """Two rich tables, KB per kind and page type: as a compressing host sends it (with the budget), and as served."""
    from rich.table import Table

    tables = []
    for title, sizes, budgets in (
        ("Page weight, KB (1 KB = 1000 bytes), gzipped as a host sends it: the budgeted figure", "sent", True),
        ("Page weight, KB, uncompressed", "served", False),
    ):
        table = Table(title=title)
        for name in ("page type", *KINDS, "total", *(("budget", "") if budgets else ())):
            table.add_column(name, justify="left" if name == "page type" else "right")
        for w in weights:
            counted = getattr(w, sizes)
            row = [w.page.name, *(_kb(counted[k]) for k in KINDS), _kb(sum(counted.values()))]
            if budgets:
                row += [_kb(w.budget), "[red]OVER[/red]" if w.over else "ok"]
            table.add_row(*row)
        tables.append(table)
    return tables


def _run(args: argparse.Namespace) -> int:
    from playwright.sync_api import sync_playwright
    from rich.console import Console

    site = Path(args.dir)
    if not (site / "index.html").exists():
        print(f"{site} holds no built site: run `make build` first", file=sys.stderr)
        return 2
    with serving(site) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            weights = measure(browser, url)
        finally:
            browser.close()
    console = Console()
    console.width = max(console.width, 100)  # the table stays whole in a narrow or piped terminal
    for table in report(weights):
        console.print(table)
    over = [w.page.name for w in weights if w.over]
    if over:
        print(f"over budget: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("weight", help="bytes each page type transfers, per resource type; exit 1 above budget")
    p.add_argument("--dir", default=str(ROOT / "site"), help="the built site (default: %(default)s)")
    p.set_defaults(run=_run)
