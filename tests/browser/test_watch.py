"""The `page` fixture's watch can fail: each kind of problem it promises to catch is provoked
once on a throwaway page, and the request to another origin never leaves the machine."""

from __future__ import annotations

from tests.browser.conftest import _origin, watch

OTHER = "http://192.0.2.1/tracker.gif"  # TEST-NET-1: routable nowhere, and aborted before sending anyway


def test_the_watch_records_every_kind_of_problem_and_allow_lets_one_pass(chromium, site_url):
    context = chromium.new_context()
    try:
        tab = context.new_page()
        problems = watch(context, tab, _origin(site_url))
        tab.goto(site_url)
        tab.evaluate(
            """async ([other]) => {
                console.error("something broke");
                await fetch("no-such-page/").catch(() => {});
                const img = new Image(); img.src = other;
                await new Promise(done => { img.onerror = done; img.onload = done; });
                setTimeout(() => { throw new Error("uncaught in a callback"); }, 0);
                await new Promise(done => setTimeout(done, 50));
            }""",
            [OTHER],
        )
    finally:
        context.close()
    seen = "\n".join(problems.remaining())
    assert "console error: something broke" in seen
    assert f"HTTP 404: {site_url}no-such-page/" in seen
    assert f"request to another origin: GET {OTHER}" in seen
    assert f"request failed: {OTHER} (net::ERR_BLOCKED_BY_CLIENT" in seen  # aborted by the watch's route
    assert "page error: uncaught in a callback" in seen
    problems.allow(r"no-such-page/")
    assert not any("no-such-page" in p for p in problems.remaining())
    assert any("something broke" in p for p in problems.remaining())
