"""Claims checked: bad claims files are refused precisely, verdicts follow the data, and the
built pages show every verdict with evidence links that lead somewhere."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from atlas.core import benchmarks as bm
from atlas.core.benchmarks import Run
from atlas.core.catalog import DATA_DIR, Catalog, Claim, load_catalog
from atlas.core.claims import VERDICTS, Evidence, counts, evaluate
from atlas.core.snippets import status
from atlas.core.yamlsafe import DataError
from tests.conftest import seeds
from tests.htmlscan import Page

CATALOG = load_catalog(DATA_DIR)
TODAY = dt.date(2026, 11, 21)


def _claims_file(body: str) -> str:
    return (
        "id: bad\nseed:\n  file: 000_0123456789abcdef.txt\n  about: An article used by the tests only.\n"
        f"claims:\n  - id: one\n    quote: a quote\n{body}"
    )


# --- Bad files --------------------------------------------------------------------------------

BAD = {
    "unknown-entry": (
        "    frameworks: [nosuch]\n    check:\n      fact: {entry: alpha, fact: orm, equals: true}\n",
        (8, "claims[0].frameworks[0]", "'nosuch' names no entry"),
    ),
    "unknown-fact": (
        "    frameworks: []\n    check:\n      fact: {entry: alpha, fact: colour, equals: true}\n",
        (10, "claims[0].check.fact.fact", "'colour' is not a fact of a web-framework entry"),
    ),
    "fact-of-another-kind": (
        "    frameworks: []\n    check:\n      fact: {entry: gamma, fact: orm, equals: true}\n",
        (10, "claims[0].check.fact.fact", "'orm' is not a fact of a server entry"),
    ),
    "bad-verdict": (
        "    frameworks: []\n    check:\n      manual:\n        verdict: maybe\n"
        "        explanation: Twenty characters or more here.\n",
        (11, "claims[0].check.manual.verdict", "expected one of holds, partly, does-not-hold, not-measurable"),
    ),
    "verdict-without-source": (
        "    frameworks: []\n    check:\n      manual:\n        verdict: holds\n"
        "        explanation: Twenty characters or more here.\n",
        (10, "claims[0].check.manual.source", "missing required field 'source'"),
    ),
    "unknown-task": (
        "    frameworks: []\n    check:\n      passes: {entry: alpha, task: nosuch}\n",
        (10, "claims[0].check.passes.task", "'nosuch' names no task"),
    ),
    "unknown-scenario": (
        "    frameworks: []\n    check:\n      all_of:\n        - faster: {a: alpha, b: beta, scenarios: [nosuch]}\n"
        "        - fact: {entry: alpha, fact: orm, equals: false}\n",
        (11, "claims[0].check.all_of[0].faster.scenarios[0]", "'nosuch' is not a benchmark scenario"),
    ),
    "two-operators": (
        "    frameworks: []\n    check:\n      fact: {entry: alpha, fact: orm, equals: true, at_most: 3}\n",
        (10, "claims[0].check.fact", "exactly one of equals, contains"),
    ),
    "two-rules": (
        "    frameworks: []\n    check:\n      fact: {entry: alpha, fact: orm, equals: true}\n"
        "      passes: {entry: alpha, task: hello-json}\n",
        (9, "claims[0].check", "expected exactly one rule, got fact, passes"),
    ),
    "judged-without-evidence": (
        "    frameworks: []\n    check:\n      manual:\n        verdict: not-measurable\n"
        "        explanation: Twenty characters or more here.\n",
        (10, "claims[0].check.manual", "needs evidence"),
    ),
    "long-quote": (
        "    frameworks: []\n    check:\n      fact: {entry: alpha, fact: orm, equals: true}\n",
        (7, "claims[0].quote", "is too long"),
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_claims_file_gives_file_line_field_message(case: str, data_tree: Path):
    body, (line, field, message) = BAD[case]
    text = _claims_file(body)
    if case == "long-quote":
        text = text.replace("quote: a quote", "quote: " + "x" * 200)
    (data_tree / "claims").mkdir()
    (data_tree / "claims" / "bad.yaml").write_text(text)
    (data_tree / "tasks").mkdir(exist_ok=True)
    (data_tree / "tasks" / "hello-json.yaml").write_text((DATA_DIR / "tasks" / "hello-json.yaml").read_text())
    with pytest.raises(DataError) as caught:
        load_catalog(data_tree)
    shown = [str(p) for p in caught.value.problems]
    assert any(f"bad.yaml:{line}: {field}: " in s and message in s for s in shown), shown


def test_claim_ids_are_unique_across_files(data_tree: Path):
    (data_tree / "claims").mkdir()
    ok = _claims_file("    frameworks: []\n    check:\n      fact: {entry: alpha, fact: orm, equals: false}\n")
    (data_tree / "claims" / "bad.yaml").write_text(ok)
    (data_tree / "claims" / "worse.yaml").write_text(ok.replace("id: bad", "id: worse"))
    with pytest.raises(DataError, match=r"worse\.yaml:6: claims\[0\]\.id: claim id 'one' is already used in bad"):
        load_catalog(data_tree)


# --- Verdicts follow the data -----------------------------------------------------------------


def _claim(check: dict) -> Claim:
    return Claim("c", "a quote", [], check)


def _run(figures: dict[str, float], spread: float = 0.01, errors: tuple[str, ...] = ()) -> Run:
    """A minimal benchmark run, typed like every run: one hello-json point at 64 connections per framework
    on the common server, its three repeats `spread` (a share) either side of the median."""

    def point(rps: float, failed: bool) -> bm.Point:
        low, high = rps * (1 - spread), rps * (1 + spread)
        summary = bm.Summary(rps, low, high, spread, [low, rps, high], low, high, "min-max", "across-repeats")
        return bm.Point(64, summary, bm.Latency(1, 1, 1, 1), bm.Errors(non_2xx_3xx=int(failed)), failed)

    def framework(rps: float, failed: bool) -> bm.FrameworkResult:
        scenario = bm.Scenario(True, points=[point(rps, failed)])
        cold = bm.Summary(100, 100, 100, 0, [100])
        setup = bm.SetupResult("common", "granian", "granian WSGI", 1, "granian {module}:app", {"hello-json": scenario})
        return bm.FrameworkResult({}, 1, 1.0, None, None, cold, {"common": setup})

    provenance = bm.Provenance("2026-11-21T00:00:00+00:00", "cpu", 2, "6.1", "3.11", "0" * 40, {}, {}, "0", "1")
    return Run(
        id="synthetic",
        kind="full",
        provenance=provenance,
        parameters={"scenarios": ["hello-json"]},
        ceiling=bm.Ceiling([point(100_000, False)]),
        frameworks={fid: framework(rps, fid in errors) for fid, rps in figures.items()},
    )


@pytest.fixture
def small(data_tree: Path) -> Catalog:
    return load_catalog(data_tree)


def _with_run(catalog: Catalog, run: Run) -> Catalog:
    return dataclasses.replace(catalog, benchmarks={run.id: run})


def test_faster_flips_when_the_figures_swap(small: Catalog):
    claim = _claim({"faster": {"a": "alpha", "b": "beta"}})
    found = evaluate(claim, _with_run(small, _run({"alpha": 5000, "beta": 4000})), TODAY)
    assert found.verdict == "holds"
    assert (
        "Alpha (common server) 5,000 req/s (4,950–5,050) vs Beta (common server) 4,000 req/s (3,960–4,040), "
        "ratio 1.25: Alpha faster" in found.evidence[0].text
    )
    assert found.evidence[0].href == "benchmarks/"
    assert evaluate(claim, _with_run(small, _run({"alpha": 4000, "beta": 5000})), TODAY).verdict == "does-not-hold"


def test_a_difference_within_the_noise_is_a_tie(small: Catalog):
    faster = _claim({"faster": {"a": "alpha", "b": "beta"}})
    as_fast = _claim({"faster": {"a": "alpha", "b": "beta", "or_equal": True}})
    # 2 % apart with tight, separate intervals: under the 5 % floor, a tie
    close = _with_run(small, _run({"alpha": 5100, "beta": 5000}, spread=0.001))
    assert evaluate(faster, close, TODAY).verdict == "does-not-hold"
    assert evaluate(as_fast, close, TODAY).verdict == "holds"
    # 20 % apart, but the repeats of each spread 15 % either side: the intervals overlap, still a tie
    noisy = _with_run(small, _run({"alpha": 6000, "beta": 5000}, spread=0.15))
    assert evaluate(faster, noisy, TODAY).verdict == "does-not-hold"
    assert "a tie (within the noise)" in evaluate(faster, noisy, TODAY).evidence[0].text
    # the same 20 % with tight repeats is a difference
    assert evaluate(faster, _with_run(small, _run({"alpha": 6000, "beta": 5000})), TODAY).verdict == "holds"


def test_a_point_with_errors_is_not_compared(small: Catalog):
    claim = _claim({"faster": {"a": "alpha", "b": "beta"}})
    found = evaluate(claim, _with_run(small, _run({"alpha": 9000, "beta": 5000}, errors=("alpha",))), TODAY)
    assert found.verdict == "not-measurable"
    assert "Alpha had errors or non-2xx answers" in found.evidence[0].text
    assert evaluate(claim, small, TODAY).verdict == "not-measurable"  # no run at all


def test_rank_follows_the_field(small: Catalog):
    claim = _claim({"rank": {"entry": "beta", "within_top": 0.5}})
    assert evaluate(claim, _with_run(small, _run({"alpha": 5000, "beta": 4000})), TODAY).verdict == "does-not-hold"
    found = evaluate(claim, _with_run(small, _run({"alpha": 3000, "beta": 4000})), TODAY)
    assert found.verdict == "holds"
    assert found.evidence[0].text.startswith(
        f"{small.scenario_title('hello-json')}: 1st of 2 with clean figures (common server, 4,000 req/s"
    )


def test_rank_is_a_band_figures_inside_the_noise_share_the_best_rank(small: Catalog):
    """Beta is 3 % behind Alpha: inside the noise, so both hold rank 1 and Beta is in the top half."""
    claim = _claim({"rank": {"entry": "beta", "within_top": 0.5}})
    field = {"alpha": 5000, "beta": 4850, "gamma": 2000}
    found = evaluate(claim, _with_run(small, _run(field)), TODAY)
    assert found.verdict == "holds"
    assert "band 1, shared with 1 other of 3" in found.evidence[0].text
    # 10 % behind is outside the noise: rank 2 of 3, still the top two; gamma at rank 3 is not
    assert evaluate(claim, _with_run(small, _run({**field, "beta": 4500})), TODAY).verdict == "holds"
    gamma = _claim({"rank": {"entry": "gamma", "within_top": 0.5}})
    assert evaluate(gamma, _with_run(small, _run(field)), TODAY).verdict == "does-not-hold"


def test_capacity_holds_only_with_every_connection_held_and_echo_fast(small: Catalog):
    claim = _claim({"capacity": {"entry": "alpha", "at_least": 2000, "p99_under_ms": 100}})

    def held(opened: int, p99: float, errors: int = 0) -> Catalog:
        steps = [bm.CapacityStep(1000, 1000, 40.0, 0.2, 3.0, 0), bm.CapacityStep(5000, opened, 90.0, 0.3, p99, errors)]
        result = bm.CapacityResult(True, baseline_rss_mb=30.0, steps=steps, kb_per_connection=12.3, fd_limit=20000)
        return _with_run(small, dataclasses.replace(_run({"alpha": 5000}), capacity={"alpha": result}))

    assert evaluate(claim, held(5000, 4.0), TODAY).verdict == "holds"
    assert "5,000 of 5,000 idle connections held" in evaluate(claim, held(5000, 4.0), TODAY).evidence[1].text
    assert evaluate(claim, held(5000, 250.0), TODAY).verdict == "partly"  # held, but echo slowed past the bound
    assert evaluate(claim, held(1500, 4.0), TODAY).verdict == "does-not-hold"
    assert evaluate(claim, _with_run(small, _run({"alpha": 5000})), TODAY).verdict == "not-measurable"


def test_fact_verdicts_follow_the_fact(small: Catalog):
    claim = _claim({"fact": {"entry": "alpha", "fact": "requires_python", "admits": {"3.6": True}}})
    found = evaluate(claim, small, TODAY)
    assert found.verdict == "does-not-hold"
    assert found.evidence == [
        Evidence("Alpha — Requires-Python: >=3.9 (excludes Python 3.6)", "frameworks/alpha/#fact-requires_python")
    ]
    alpha = copy.deepcopy(small["alpha"])
    alpha.facts["requires_python"] = dataclasses.replace(alpha.facts["requires_python"], value=">=3.6")
    relaxed = dataclasses.replace(small, entries={**small.entries, "alpha": alpha})
    assert evaluate(claim, relaxed, TODAY).verdict == "holds"
    alpha.facts["requires_python"] = dataclasses.replace(alpha.facts["requires_python"], value=None, reason="not stated")
    assert evaluate(claim, relaxed, TODAY).verdict == "not-measurable"


def test_all_of_a_mix_is_partly(small: Catalog):
    rule = {
        "all_of": [
            {"fact": {"entry": "alpha", "fact": "orm", "equals": False}},
            {"fact": {"entry": "alpha", "fact": "websockets", "equals": True}},
        ]
    }
    found = evaluate(_claim(rule), small, TODAY)
    assert found.verdict == "partly"
    assert [ev.href for ev in found.evidence] == ["frameworks/alpha/#fact-orm", "frameworks/alpha/#fact-websockets"]


def test_known_wrong_claims_are_refuted_by_the_data():
    verdicts = {c.id: evaluate(c, CATALOG).verdict for a in CATALOG.claims.values() for c in a.claims}
    assert verdicts["falcon-python-2-only"] == "does-not-hold"
    assert verdicts["fastapi-python-3-6"] == "does-not-hold"
    assert verdicts["sanic-python-3-7"] == "outdated"  # true until Sanic 23.6 (held_until, sourced)
    assert verdicts["full-stack-django-pyramid"] == "partly"
    assert verdicts["flask-restful-automatic-input-parsing"] == "partly"
    assert verdicts["dramatiq-for-apps-without-background-tasks"] == "does-not-hold"


def test_quotes_are_short_and_verbatim_from_their_article():
    folder = seeds()
    for article in CATALOG.claims.values():
        text = " ".join((folder / article.seed_file).read_text(encoding="utf-8").split())
        for claim in article.claims:
            assert " ".join(claim.quote.split()) in text, (article.id, claim.id)


# --- The built pages --------------------------------------------------------------------------


def _resolves(site: Path, page: str, href: str) -> bool:
    """A relative link from `page` (e.g. "claims/") leads to a built page, and to its anchor if it has one."""
    url = urlsplit(urljoin(page, href))
    target = site / url.path.lstrip("/")
    if url.path.endswith("/") or not url.path:
        target = target / "index.html"
    if not target.is_file():
        return False
    return not url.fragment or f'id="{url.fragment}"' in target.read_text(encoding="utf-8")


def test_claims_page_shows_each_computed_verdict_with_resolving_evidence(site: Path):
    html = (site / "claims/index.html").read_text(encoding="utf-8")
    page = Page(html)
    rows = {r["attrs"]["data-claim"]: r for r in page.rows if "data-claim" in r["attrs"]}
    claims = [c for a in CATALOG.claims.values() for c in a.claims]
    assert sorted(rows) == sorted(c.id for c in claims)
    for claim in claims:
        found = evaluate(claim, CATALOG)
        row = rows[claim.id]
        assert row["cells"][0] == " ".join(claim.quote.split())
        assert re.search(rf'data-claim="{claim.id}".*?<td data-verdict="{found.verdict}">', html, re.S), claim.id
        row_html = re.search(rf'<tr id="claim-{claim.id}".*?</tr>', html, re.S).group(0)
        hrefs = re.findall(r'href="([^"]+)"', row_html)
        assert hrefs, f"{claim.id} links to no evidence"
        for href in hrefs:
            if not href.startswith("https://"):
                assert _resolves(site, "claims/", href.replace("&amp;", "&")), (claim.id, href)
    # The summary counts what the rows show.
    summary = " ".join("".join(Page(html.split('class="atlas-claim-counts"', 1)[1].split("</ul>", 1)[0]).text).split())
    for verdict, n in counts(CATALOG).items():
        assert f"{VERDICTS[verdict][1]}: {n}" in summary, summary
        assert html.count(f'<td data-verdict="{verdict}">') == n


def test_guide_links_resolve_and_counts_come_from_the_tests(site: Path):
    html = (site / "guides/microservices/index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    hrefs = [h for h in re.findall(r'href="([^"]+)"', article) if not h.startswith(("https://", "#"))]
    tasks = {h for h in hrefs if "/tasks/" in h}
    assert len(tasks) >= 8, tasks
    for href in hrefs:
        assert _resolves(site, "guides/microservices/", href), href
    task = CATALOG.tasks["background-job"]
    passing = sum(status(CATALOG, e, task).state == "tested" for e in CATALOG)
    assert f"{task.title} ({passing} passing" in " ".join("".join(Page(article).text).split())


def test_markup_in_claims_shows_as_text(fixture_site: Path):
    html = (fixture_site / "claims/index.html").read_text(encoding="utf-8")
    page = Page(html)
    assert not any("alert(" in s for s in page.scripts_inline)
    assert "<script>alert" not in html and "<img src=x" not in html and "<i>title" not in html
    assert 'href="javascript:' not in html
    row = next(r for r in page.rows if r["attrs"].get("data-claim") == "evil-quote")
    assert row["cells"][0] == "<script>alert('quote')</script> **not bold** | not a cell"
    assert row["cells"][1] == "Evil <b>| Name, Alpha"
    text = " ".join(page.text)
    assert "Evil <i>title</i> | {{ not_a_macro }}" in text
    assert "<b>not bold</b> and {{ not_a_macro }} in an explanation." in text


def test_a_claim_that_held_once_is_outdated_only_with_its_sourced_date(small: Catalog):
    """The same failing check: 'does not hold' without held_until, 'outdated' with it, and a holding check stays 'holds'."""
    failing = {"fact": {"entry": "alpha", "fact": "orm", "equals": True}}
    held = {"date": "2020-01-01", "source": "https://example.org/changelog", "note": "It was true until the 2020 release."}
    plain = _claim(failing)
    assert evaluate(plain, small, TODAY).verdict == "does-not-hold"
    found = evaluate(dataclasses.replace(plain, held_until=held), small, TODAY)
    assert found.verdict == "outdated"
    assert found.evidence[-1].text.startswith("Held until 2020-01-01") and found.evidence[-1].href == held["source"]
    holding = _claim({"fact": {"entry": "alpha", "fact": "orm", "equals": False}})
    assert evaluate(dataclasses.replace(holding, held_until=held), small, TODAY).verdict == "holds"
