"""Every page type passes axe-core (the accessibility engine Lighthouse also runs) with no serious or
critical violation. axe-core comes from npm (`make assets`, pinned in the Makefile) and is injected
into the page the browser has loaded, charts drawn and side-by-side code fetched.

The moderate and minor violations that remain are listed in ACCEPTED with the reason each stays;
a new one fails the test until it is fixed or listed there.
"""

from __future__ import annotations

import pytest

from atlas.harness.browser import PAGE_TYPES, scroll_through_charts
from tests.conftest import ROOT

AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
FAILING = ("serious", "critical")
#: {rule id: why it remains}: moderate or minor only.
ACCEPTED = {
    "landmark-unique": (
        "moderate; Material 9.8 with navigation.indexes labels each section's sub-navigation (<nav "
        "aria-labelledby>) by a <label> that holds only an icon, so these navs share an empty name; the fix "
        "belongs in the theme's nav-item partial, which is too large to copy and keep in step"
    ),
}


def _violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make assets` installs axe-core from npm", pytrace=False)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [" ".join(n["target"]) for n in v["nodes"]][:3], "help": v["help"]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("kind", PAGE_TYPES, ids=lambda k: k.name)
def test_each_page_type_has_no_serious_accessibility_violation(page, site_url, kind):
    page.goto(site_url + kind.path)
    page.wait_for_load_state("networkidle")
    scroll_through_charts(page)  # axe checks what Plotly draws too
    found = _violations(page)
    serious = [v for v in found if v["impact"] in FAILING]
    assert not serious, f"{kind.name}: serious or critical accessibility violations: {serious}"
    unlisted = [v for v in found if v["id"] not in ACCEPTED]
    assert not unlisted, f"{kind.name}: fix these or list them with a reason in ACCEPTED: {unlisted}"
