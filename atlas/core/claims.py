"""Verdicts on the seed articles' claims, computed from the data on every build.

A claim carries a rule (`check`), never a stored verdict, unless a person had to judge it
(`manual`, with the page that backs the judgement). So when a fact is re-verified or a new
benchmark run lands, the verdicts on the claims page follow, and the page cannot drift from
the data it cites. Pure functions: a claim and a catalog in, a Verdict out.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass, field

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from atlas.core import stats
from atlas.core.benchmarks import Point, Run
from atlas.core.catalog import Catalog, Claim, Entry, facts_for_kind
from atlas.core.kinds import MUST_COVER_KINDS
from atlas.core.lifecycle import lifecycle
from atlas.core.setups import SETUP_LABELS
from atlas.core.snippets import passed_efforts, status

#: Verdict id -> (icon, words). The icon repeats the words; it never replaces them.
VERDICTS = {
    "holds": ("✓", "Holds"),
    "partly": ("◐", "Partly"),
    "does-not-hold": ("✗", "Does not hold"),
    "not-measurable": ("?", "Not measurable as stated"),
    "outdated": ("⌛", "Outdated: held once, no longer"),
}
PAGE_LABELS = {"benchmarks": "Benchmarks", "benchmarks/method": "How the benchmarks are measured", "compare": "Compare"}


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: text, and a link (site-relative like `tasks/x/`, or https)."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class Verdict:
    verdict: str
    evidence: list[Evidence] = field(default_factory=list)
    note: str = ""


def evaluate(claim: Claim, catalog: Catalog, today: dt.date | None = None) -> Verdict:
    """The claim's verdict, with the evidence for it and the claim's own references."""
    found = check(claim.check, catalog, today or dt.date.today())
    evidence = found.evidence + [_ref(r, catalog) for r in claim.see]
    if claim.held_until and found.verdict in ("does-not-hold", "partly"):
        held = claim.held_until
        evidence.append(Evidence(f"Held until {held['date']}: {held['note']}", held["source"]))
        return Verdict("outdated", evidence, found.note)
    return Verdict(found.verdict, evidence, found.note)


def check(rule: dict, catalog: Catalog, today: dt.date) -> Verdict:
    ((kind, body),) = rule.items()
    return _RULES[kind](body, catalog, today)


def _tally(results: list[bool]) -> str:
    """holds if every comparable result is for the claim, does-not-hold if none is, partly between."""
    if not results:
        return "not-measurable"
    hits = sum(results)
    return "holds" if hits == len(results) else "does-not-hold" if hits == 0 else "partly"


# Facts --------------------------------------------------------------------------------------


def _fact_url(entry: Entry, fact_id: str) -> str:
    return f"frameworks/{entry.id}/#fact-{fact_id}"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    return str(value)


def _fact(body: dict, catalog: Catalog, today: dt.date) -> Verdict:
    entry = catalog[body["entry"]]
    title = next(s.title for s in facts_for_kind(entry.kind) if s.id == body["fact"])
    fact = entry.facts.get(body["fact"])
    href = _fact_url(entry, body["fact"])
    if fact is None or not fact.known:
        why = fact.reason if fact else "not recorded"
        return Verdict("not-measurable", [Evidence(f"{entry.name} — {title}: unknown ({why})", href)])
    said = f"{entry.name} — {title}: {_shown(fact.value)}"
    value = fact.value
    if "equals" in body:
        ok = value == body["equals"]
        return Verdict("holds" if ok else "does-not-hold", [Evidence(said, href)])
    if "contains" in body:
        have = [w for w in body["contains"] if w in (value or [])]
        verdict = "holds" if len(have) == len(body["contains"]) else "partly" if have else "does-not-hold"
        return Verdict(verdict, [Evidence(said, href)])
    if "admits" in body:
        try:
            spec = SpecifierSet(str(value))
        except InvalidSpecifier:
            return Verdict("not-measurable", [Evidence(f"{said} (not a version range)", href)])
        runs = {v: spec.contains(v, prereleases=True) for v in body["admits"]}
        parts = [f"{'admits' if ok else 'excludes'} Python {v}" for v, ok in runs.items()]
        verdict = _tally([runs[v] == want for v, want in body["admits"].items()])
        return Verdict(verdict, [Evidence(f"{said} ({'; '.join(parts)})", href)])
    if "at_most" in body or "at_least" in body:
        ok = value <= body["at_most"] if "at_most" in body else value >= body["at_least"]
        return Verdict("holds" if ok else "does-not-hold", [Evidence(said, href)])
    days = (today - dt.date.fromisoformat(str(value))).days
    ok = days <= body["within_days"]
    return Verdict("holds" if ok else "does-not-hold", [Evidence(f"{said} ({days} days before this build)", href)])


# Tests --------------------------------------------------------------------------------------


def _passes(body: dict, catalog: Catalog, today: dt.date) -> Verdict:
    entry, task = catalog[body["entry"]], catalog.tasks[body["task"]]
    found = status(catalog, entry, task)
    href = f"tasks/{task.id}/"
    if found.state == "tested":
        return Verdict("holds", [Evidence(f"{entry.name} passes the “{task.title}” task in the tests", href)])
    if found.state == "missing":
        return Verdict("not-measurable", [Evidence(f"{entry.name} has no “{task.title}” snippet yet", href)])
    what = "fails" if found.state == "fails" else "cannot do"
    return Verdict("does-not-hold", [Evidence(f"{entry.name} {what} the “{task.title}” task: {found.reason}", href)])


# Benchmarks ---------------------------------------------------------------------------------


def _points(run: Run, scenario: str, concurrency: int | None = None) -> dict[str, Point]:
    """{framework: its best sound point} in one scenario; failed points (errors, no answers) are left out."""
    out = {}
    for fid, sc in run.measured(scenario).items():
        sound = [p for p in sc.points if not p.failed and (concurrency is None or p.concurrency == concurrency)]
        if sound:
            out[fid] = max(sound, key=lambda p: p.rps.median)
    return out


def _unsound(run: Run, fid: str, scenario: str, name: str) -> str:
    """Why a framework has no figure to compare in a scenario, in words."""
    fw = run.frameworks.get(fid)
    sc = fw.lead.scenarios.get(scenario) if fw else None
    if not sc:
        return f"{name} was not in this scenario"
    if not sc.measured:
        return f"{name} not measured ({sc.reason or 'no reason recorded'})"
    if all(p.rps.median == 0 for p in sc.points):
        return f"{name}'s server answered nothing"
    return f"{name} had errors or non-2xx answers"


def _rps(point: Point) -> str:
    f = point.rps.figure
    return f"{f.median:,.0f} req/s ({f.low:,.0f}–{f.high:,.0f})"


def _setup_words(run: Run, fid: str) -> str:
    return SETUP_LABELS.get(run.frameworks[fid].lead.kind, run.frameworks[fid].lead.kind)


def _scenarios(body: dict, run: Run) -> list[str]:
    return body.get("scenarios") or run.scenarios


def _no_run() -> Verdict:
    return Verdict("not-measurable", [Evidence("No benchmark run has been recorded yet.", "benchmarks/")])


def _faster(body: dict, catalog: Catalog, today: dt.date) -> Verdict:
    run = catalog.latest_run
    if run is None:
        return _no_run()
    a, b = catalog[body["a"]], catalog[body["b"]]
    results, evidence = [], []
    for scenario in _scenarios(body, run):
        title = catalog.scenario_title(scenario)
        field_ = _points(run, scenario, body.get("concurrency"))
        missing = [_unsound(run, x.id, scenario, x.name) for x in (a, b) if x.id not in field_]
        if missing:
            evidence.append(Evidence(f"{title}: not compared, {' and '.join(missing)}", "benchmarks/"))
            continue
        pa, pb = field_[a.id], field_[b.id]
        ratio = pa.rps.median / pb.rps.median
        outcome = stats.compare(pa.rps.figure, pb.rps.figure)
        words = {"a": f"{a.name} faster", "b": f"{b.name} faster", "tie": "a tie (within the noise)"}[outcome]
        results.append(outcome == "a" or (outcome == "tie" and body.get("or_equal", False)))
        evidence.append(
            Evidence(
                f"{title}: {a.name} ({_setup_words(run, a.id)}) {_rps(pa)} vs {b.name} ({_setup_words(run, b.id)}) "
                f"{_rps(pb)}, ratio {ratio:.2f}: {words}",
                "benchmarks/",
            )
        )
    claim = f"{a.name} at least as fast as {b.name}" if body.get("or_equal") else f"{a.name} faster than {b.name}"
    note = (
        f"Run {run.id}: {claim} in {sum(results)} of the {len(results)} scenarios with clean figures for both. "
        f"The benchmarks' noise rule: overlapping intervals, or medians within {stats.TIE_SHARE:.0%}, are a tie."
    )
    return Verdict(_tally(results), evidence, note if results else "")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _rank(body: dict, catalog: Catalog, today: dt.date) -> Verdict:
    run = catalog.latest_run
    if run is None:
        return _no_run()
    entry = catalog[body["entry"]]
    results, evidence = [], []
    for scenario in _scenarios(body, run):
        title = catalog.scenario_title(scenario)
        field_ = _points(run, scenario)
        if entry.id not in field_:
            evidence.append(Evidence(f"{title}: not ranked, {_unsound(run, entry.id, scenario, entry.name)}", "benchmarks/"))
            continue
        ranked = stats.bands(list(field_), lambda f, points=field_: points[f].rps.figure)
        order = [f for f, _ in ranked]
        place, cutoff = dict(ranked)[entry.id], math.ceil(len(order) * body["within_top"])
        shared = sum(1 for _, r in ranked if r == place) - 1
        results.append(place <= cutoff)
        band = f"band {place}, shared with {shared} other{'s' if shared != 1 else ''}" if shared else f"{_ordinal(place)}"
        evidence.append(
            Evidence(
                f"{title}: {band} of {len(order)} with clean figures ({_setup_words(run, entry.id)}, "
                f"{_rps(field_[entry.id])}; fastest {catalog[order[0]].name}, {_rps(field_[order[0]])}); "
                f"the top {body['within_top']:.0%} is rank {cutoff} or better",
                "benchmarks/",
            )
        )
    share = f"{body['within_top']:.0%}"
    note = (
        f"Run {run.id}: {entry.name} among the fastest {share} in {sum(results)} of {len(results)} scenarios; ranks are "
        "bands: figures within the noise share the best rank among them."
    )
    return Verdict(_tally(results), evidence, note if results else "")


def _capacity(body: dict, catalog: Catalog, today: dt.date) -> Verdict:
    """The entry held at least `at_least` idle WebSocket connections with none lost, and one more
    connection still echoed with p99 under `p99_under_ms` meanwhile (Run.capacity of the newest run)."""
    run = catalog.latest_run
    if run is None:
        return _no_run()
    entry, href = catalog[body["entry"]], "benchmarks/#connection-capacity"
    found = (run.capacity or {}).get(entry.id)
    if found is None or not found.measured or not found.steps:
        why = found.reason if found else f"run {run.id} did not measure it"
        return Verdict("not-measurable", [Evidence(f"{entry.name}: idle connections not measured ({why})", href)])
    need, bound = body["at_least"], body.get("p99_under_ms", 100)
    tried = max(s.connections for s in found.steps)
    if tried < need:
        return Verdict(
            "not-measurable", [Evidence(f"{entry.name}: the run tried {tried:,} connections, fewer than {need:,}", href)]
        )
    evidence = [
        Evidence(
            f"{entry.name}: {s.opened:,} of {s.connections:,} idle connections held, echo p50 {s.echo_p50_ms} ms and "
            f"p99 {s.echo_p99_ms} ms meanwhile, {s.errors} errors",
            href,
        )
        for s in found.steps
    ]
    at_need = [s for s in found.steps if s.connections >= need]
    clean = [
        s for s in at_need if s.opened == s.connections and not s.errors and s.echo_p99_ms is not None and s.echo_p99_ms < bound
    ]
    verdict = "holds" if clean else "partly" if any(s.opened >= need for s in at_need) else "does-not-hold"
    note = (
        f"Run {run.id}: {found.kb_per_connection} KB of server memory per idle connection; holding needs at least "
        f"{need:,} connections with no errors and echo p99 under {bound:g} ms."
    )
    return Verdict(verdict, evidence, note)


# Setup effort -----------------------------------------------------------------------------------


def _setup(body: dict, catalog: Catalog, today: dt.date) -> Verdict:
    """Lines of the entry's snippets against every web framework's and API toolkit's, on the tasks all
    of them pass (so each is compared on the same work), as a share of the field from the longest."""
    entry = catalog[body["entry"]]
    field_ = {x.id: passed_efforts(catalog, x) for x in catalog.of_kinds(MUST_COVER_KINDS) if x.snippets}
    field_ = {fid: found for fid, found in field_.items() if found}
    common = sorted(set.intersection(*(set(found) for found in field_.values()))) if field_ else []
    href = "tasks/#setup-effort"
    if entry.id not in field_ or len(common) < 3:
        why = f"{entry.name} passes no task" if entry.id not in field_ else f"only {len(common)} tasks every framework passes"
        return Verdict("not-measurable", [Evidence(f"Setup effort not comparable: {why}", href)])
    medians = {fid: statistics.median(found[t].lines for t in common) for fid, found in field_.items()}
    order = sorted(medians, key=lambda f: -medians[f])
    place, cutoff = order.index(entry.id) + 1, math.ceil(len(order) * body["within_top"])
    middle = statistics.median(medians.values())
    verdict = "holds" if place <= cutoff else "does-not-hold" if medians[entry.id] <= middle else "partly"
    evidence = [
        Evidence(
            f"{entry.name}: median {medians[entry.id]:g} lines per snippet over the {len(common)} tasks every web framework "
            f"and API toolkit passes ({', '.join(common)}); {_ordinal(place)} longest of {len(order)}; the field's median "
            f"{middle:g} lines, longest {catalog[order[0]].name} ({medians[order[0]]:g})",
            href,
        )
    ]
    note = (
        "Setup effort counted as non-blank, non-comment lines of the tested snippets (and the third-party packages they "
        "import, shown on the tasks page): a proxy for setup and configuration, not a measure of difficulty."
    )
    return Verdict(verdict, evidence, note)


# Lifecycle ---------------------------------------------------------------------------------------


def _lifecycle(body: dict, catalog: Catalog, today: dt.date) -> Verdict:
    """The entry's lifecycle status (atlas.core.lifecycle) is one of those the claim needs."""
    entry = catalog[body["entry"]]
    found = lifecycle(entry, today)
    words = f"{entry.name} is {found.label.lower()}: {found.reason}"
    return Verdict("holds" if found.state in body["is"] else "does-not-hold", [Evidence(words, found.source)])


# Combinations and judgement -----------------------------------------------------------------


def _all_of(body: list, catalog: Catalog, today: dt.date) -> Verdict:
    found = [check(rule, catalog, today) for rule in body]
    verdicts = {f.verdict for f in found}
    if verdicts == {"not-measurable"}:
        verdict = "not-measurable"
    elif len(verdicts) == 1:
        verdict = verdicts.pop()
    else:  # a mix, or part confirmed and part out of reach
        verdict = "partly"
    return Verdict(verdict, [ev for f in found for ev in f.evidence], " ".join(f.note for f in found if f.note))


def _any_of(body: list, catalog: Catalog, today: dt.date) -> Verdict:
    found = [check(rule, catalog, today) for rule in body]
    verdicts = [f.verdict for f in found]
    verdict = next((v for v in ("holds", "partly", "does-not-hold") if v in verdicts), "not-measurable")
    return Verdict(verdict, [ev for f in found for ev in f.evidence], " ".join(f.note for f in found if f.note))


def _manual(body: dict, catalog: Catalog, today: dt.date) -> Verdict:
    return Verdict(body["verdict"], [Evidence(body["explanation"], body.get("source"))])


def _ref(ref: dict, catalog: Catalog) -> Evidence:
    if "task" in ref:
        return Evidence(f"Task: {catalog.tasks[ref['task']].title}", f"tasks/{ref['task']}/")
    if "page" in ref:
        return Evidence(PAGE_LABELS[ref["page"]], f"{ref['page']}/")
    entry = catalog[ref["entry"]]
    if "fact" not in ref:
        return Evidence(entry.name, f"frameworks/{entry.id}/")
    title = next(s.title for s in facts_for_kind(entry.kind) if s.id == ref["fact"])
    fact = entry.facts.get(ref["fact"])
    value = _shown(fact.value) if fact and fact.known else "unknown"
    return Evidence(f"{entry.name} — {title}: {value}", _fact_url(entry, ref["fact"]))


_RULES = {
    "fact": _fact,
    "passes": _passes,
    "faster": _faster,
    "rank": _rank,
    "capacity": _capacity,
    "setup": _setup,
    "lifecycle": _lifecycle,
    "all_of": _all_of,
    "any_of": _any_of,
    "manual": _manual,
}


def counts(catalog: Catalog, today: dt.date | None = None) -> dict[str, int]:
    """How many claims got each verdict, in VERDICTS order."""
    out = dict.fromkeys(VERDICTS, 0)
    for article in catalog.claims.values():
        for claim in article.claims:
            out[evaluate(claim, catalog, today).verdict] += 1
    return out
