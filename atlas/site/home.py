"""The home page's answers: the questions people arrive with, each with its top entries from the
data, the evidence in a word or a figure, and a link to the view that shows all of them.

Computed from the catalog and the newest benchmark run at build time; nothing here is typed by
hand, so the home page cannot drift from the tables it points to. Each answer's link opens a view
(a matrix filtered in its URL, a ranking table, a section) that shows the same entries, which the
browser tests check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atlas.core.catalog import Catalog, Entry
from atlas.core.kinds import matrix_kinds
from atlas.core.lifecycle import lifecycle
from atlas.site.bench_tables import LEAD, queues_table, ranking_table, scenario_table
from atlas.site.changes import SITE_FEED
from atlas.site.history import Change
from atlas.site.inert import html as e
from atlas.site.search import UNINDEXED

SHOWN = 5  # entries named per answer; the link shows them all


@dataclass(frozen=True)
class Pick:
    entry: str  # entry id
    evidence: str  # a word or a figure


@dataclass(frozen=True)
class Answer:
    id: str
    question: str
    picks: list[Pick]
    total: int
    href: str  # site-relative: the view that shows every entry of the answer
    link_text: str
    note: str = ""


def _fact(entry: Entry, fact_id: str) -> object:
    fact = entry.facts.get(fact_id)
    return fact.value if fact and fact.known else None


def _web(catalog: Catalog) -> list[Entry]:
    """The rows of the web matrix (features-web), which the matrix answers link to."""
    return catalog.of_kinds(matrix_kinds("web"))


def fastest(catalog: Catalog) -> Answer | None:
    """The first rank band with the server held constant (or, for runs before setups, as measured)."""
    run = catalog.latest_run
    if run is None:
        return None
    kind = "common" if run.measured_setups(LEAD, ("common",)) else None
    if kind:
        table, href = ranking_table(catalog, run, kind), "benchmarks/#ranking-common"
        note = f"Run {run.id}, one worker, every framework on the same server."
    else:
        table, href = scenario_table(catalog, run, LEAD), "benchmarks/#throughput"
        note = f"Run {run.id} predates the common-server setup: these ran under their snippets' own servers."
    ranked = [r for r in table.rows if isinstance(r.cells["band"].value, int)]
    top = [r for r in ranked if r.cells["band"].value == 1]
    picks = [Pick(r.entry or r.id, f"{r.cells['rps'].text} req/s") for r in top]
    return Answer("fastest", "Fastest, with the server held constant", picks, len(picks), href, "the ranking, in bands", note)


def async_openapi(catalog: Catalog) -> Answer:
    found = [x for x in _web(catalog) if _fact(x, "async_handlers") is True and _fact(x, "openapi") is True]
    found.sort(key=lambda x: (lifecycle(x).state != "active", x.name.lower()))
    picks = [Pick(x.id, lifecycle(x).label.lower()) for x in found]
    return Answer(
        "async-openapi",
        "Async handlers and OpenAPI built in",
        picks,
        len(picks),
        "compare/?features-web.has=async_handlers,openapi#features-web",
        "the matrix, filtered",
    )


def alive(catalog: Catalog, today: dt.date) -> Answer:
    found = [x for x in _web(catalog) if lifecycle(x, today).state == "active"]
    found.sort(key=lambda x: (-x.lifecycle["releases_24_months"], x.name.lower()))
    picks = [Pick(x.id, f"{x.lifecycle['releases_24_months']} releases in 24 months") for x in found]
    return Answer(
        "alive",
        "Alive and maintained",
        picks,
        len(picks),
        "compare/?features-web.has=lifecycle=active#features-web",
        "the matrix, active only",
    )


def django_teams(catalog: Catalog) -> Answer | None:
    if "django" not in catalog.entries:
        return None
    found = [x for x in catalog if "django" in x.builds_on]
    found.sort(key=lambda x: (lifecycle(x).state != "active", x.name.lower()))
    picks = [Pick(x.id, x.kind_label.lower()) for x in found]
    return Answer("django", "For Django teams", picks, len(picks), "frameworks/django/#built-on-by", "everything built on Django")


def queues(catalog: Catalog) -> Answer | None:
    run = catalog.latest_run
    if run is None or not run.queues:
        return None
    table = queues_table(catalog, run)
    best: dict[str, str] = {}
    for row in table.rows:  # best first; one line per queue, its fastest broker
        best.setdefault(row.entry or row.id, f"{row.cells['jobs_per_s'].text} jobs/s via {row.cells['broker'].text}")
    picks = [Pick(fid, words) for fid, words in best.items()]
    return Answer(
        "queues", "Task queues, measured end to end", picks, len(picks), "benchmarks/#task-queues", "every queue's figures"
    )


def answers(catalog: Catalog, today: dt.date | None = None) -> list[Answer]:
    today = today or dt.date.today()
    found = [fastest(catalog), async_openapi(catalog), alive(catalog, today), django_teams(catalog), queues(catalog)]
    return [a for a in found if a is not None and a.picks]


def _answer_html(catalog: Catalog, a: Answer, base: str) -> str:
    items = "".join(
        f'<li><a href="{base}frameworks/{e(p.entry)}/">{e(catalog[p.entry].name)}</a> <span>{e(p.evidence)}</span></li>'
        for p in a.picks[:SHOWN]
    )
    more = f" (and {a.total - SHOWN} more)" if a.total > SHOWN else ""
    note = f'<p class="atlas-answer-note">{e(a.note)}</p>' if a.note else ""
    return (
        f'<section class="atlas-answer" data-answer="{e(a.id)}"><h2 id="answer-{e(a.id)}">{e(a.question)}</h2>'
        f'<ol>{items}</ol>{note}<p><a class="atlas-answer-all" href="{base}{a.href}">{e(a.link_text)}{more}</a></p></section>'
    )


def _touched(catalog: Catalog, change: Change) -> str:
    """What a change to the data touched, in names: "Falcon, Flask and 3 more" or "benchmarks"."""
    names = list(
        dict.fromkeys(
            catalog[f.entry_id].name if f.entry_id in catalog.entries else f.path.partition("/")[0].replace("-", " ")
            for f in change.files
        )
    )
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def home_answers(catalog: Catalog, base: str, recent: list[Change], today: dt.date | None = None) -> str:
    """The answers, then the data snapshot, the newest run and the newest changes to the data."""
    body = "".join(_answer_html(catalog, a, base) for a in answers(catalog, today))
    run = catalog.latest_run
    latest = f'<a href="{base}benchmarks/">{e(run.id)}</a> ({e(run.provenance.day.isoformat())})' if run else "none yet"
    changes = "".join(f"<li>{e(c.date.date().isoformat())}: {e(_touched(catalog, c))}</li>" for c in recent[:3])
    changes = changes or "<li>the data's history was not available to this build</li>"
    return (
        f'<div class="atlas-answers" {UNINDEXED}>{body}</div>'
        f'<div class="atlas-lately" {UNINDEXED}><p>Newest benchmark run: {latest}. '
        f'<a href="{base}changes/">What changed lately</a> (also as an <a href="{base}{SITE_FEED}">Atom feed</a>):</p>'
        f"<ul>{changes}</ul></div>"
    )
