"""Browser fixtures: the real site served once, one chromium for the session, and a fresh page per
test that fails the test on any console error, page error, failed request or request that
leaves the site's origin.

Playwright drives Debian's chromium (atlas.browser.launch); it never downloads a browser.
Screenshots go to test-results/screenshots/ (git-ignored), one file per page type and view.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from atlas.harness.browser import launch
from atlas.harness.served import serving
from tests.conftest import ROOT

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")  # belt and braces: nothing here installs browsers

SCREENSHOTS = ROOT / "test-results" / "screenshots"
#: Chromium reports a load it cancelled itself (leaving a page while the search index still
#: loads) as a failed request; a missing file shows as a response >= 400 instead.
_CANCELLED = "net::ERR_ABORTED"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Problems:
    """What went wrong while a page was open, minus what a test allowed with page.allow(regex)."""

    def __init__(self, site_origin: str):
        self.site_origin = site_origin
        self.seen: list[str] = []
        self.allowed: list[re.Pattern] = []

    def add(self, what: str) -> None:
        self.seen.append(what)

    def allow(self, pattern: str) -> None:
        """Let problems matching this regex pass, for a failure the test itself provokes on purpose."""
        self.allowed.append(re.compile(pattern))

    def request(self, request) -> None:
        if urlsplit(request.url).scheme in ("http", "https", "ws", "wss") and _origin(request.url) != self.site_origin:
            self.add(f"request to another origin: {request.method} {request.url}")

    def failed(self, request) -> None:
        if request.failure != _CANCELLED:
            self.add(f"request failed: {request.url} ({request.failure})")

    def response(self, response) -> None:
        if response.status >= 400:
            self.add(f"HTTP {response.status}: {response.url}")

    def console(self, message) -> None:
        if message.type == "error":
            self.add(f"console error: {message.text} (at {message.location.get('url', '?')})")

    def remaining(self) -> list[str]:
        return [p for p in self.seen if not any(a.search(p) for a in self.allowed)]


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The real site, built once (tests/conftest.py `site`), served by `python -m atlas serve`."""
    with serving(site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, launched once for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def watch(context, tab, site_origin: str) -> Problems:
    """Record every problem of a context and its page; requests to other origins are also aborted,
    so a test never reaches the network even when the site would."""
    problems = Problems(site_origin)
    context.route(lambda url: _origin(url) != site_origin and urlsplit(url).scheme in ("http", "https"), _abort)
    context.on("request", problems.request)
    context.on("requestfailed", problems.failed)
    context.on("response", problems.response)
    tab.on("console", problems.console)
    tab.on("pageerror", lambda error: problems.add(f"page error: {error}"))
    return problems


def _abort(route) -> None:
    route.abort("blockedbyclient")


@pytest.fixture
def page(chromium, site_url: str):
    """A fresh page (own context: empty cache and localStorage) that records every problem.

    At teardown the test fails if any console error, page error, failed request, response
    >= 400 or request to another origin occurred. `page.allow(regex)` lets an expected one pass.
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    problems = watch(context, tab, _origin(site_url))
    tab.allow = problems.allow
    yield tab
    context.close()
    left = problems.remaining()
    if left:
        pytest.fail("the page had problems:\n" + "\n".join(f"  - {p}" for p in left), pytrace=False)


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """screenshot(page, "matrix-390px") saves test-results/screenshots/matrix-390px.png (the viewport)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str, full_page: bool = False) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save
