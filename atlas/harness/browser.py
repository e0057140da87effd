"""The built site in a real browser: Debian's chromium driven by Playwright, and the page types
worth loading. The browser tests, the page-weight budget and the Lighthouse script start here.

Playwright never downloads a browser in this project: it drives /usr/bin/chromium (from the
Debian package `chromium`, which `make test` installs) through `executable_path`, with the
flags that keep it from phoning home (background networking, component updates, sync).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@dataclass(frozen=True)
class PageType:
    """One kind of page, the path of a representative one, and whether it draws charts."""

    name: str
    path: str
    charts: bool = False


#: One representative page per page type; the page-weight budget and the browser tests walk these.
PAGE_TYPES = (
    PageType("home", ""),
    PageType("matrix", "compare/"),
    PageType("framework", "frameworks/flask/"),
    PageType("task", "tasks/hello-json/"),
    PageType("claims", "claims/"),
    PageType("benchmarks", "benchmarks/", charts=True),
    PageType("guide", "guides/microservices/"),
    PageType("decision-guide", "guides/choose/?need=async,openapi"),
    PageType("side-by-side", "compare/side-by-side/?a=flask&b=fastapi&c=django&task=hello-json"),
)


def launch(playwright):
    """Debian's chromium, headless; a clear message if it is not installed."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: `make system-packages` installs Debian's chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))


#: True once every chart on the page has been drawn by Plotly.
CHARTS_DRAWN = "[...document.querySelectorAll('.atlas-chart')].every(d => d.querySelector('.main-svg'))"


def scroll_through_charts(page) -> None:
    """Bring each chart into view in turn and wait until all are drawn: docs/js/charts.js draws a
    chart, and loads Plotly, only when it comes near the viewport, as a reader scrolls to it."""
    charts = page.locator(".atlas-chart")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(CHARTS_DRAWN)
