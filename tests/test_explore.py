"""The interactive pages' server side: the JSON the picker and the guide fetch says what the catalog
says, the filter bars offer exactly what their matrix holds, and data reaches these pages as text.
Their behaviour in a browser is tested in tests/browser/test_interactive.py."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest

from atlas.core.catalog import DATA_DIR, KIND_LABELS, ROOT, fact_groups, facts_for_kind, load_catalog
from atlas.core.snippets import status
from atlas.site.explore import DATA_DIR as JSON_DIR
from atlas.site.explore import GUIDE_KINDS, QUESTIONS
from atlas.site.tables import all_tables
from atlas.site.tested import pinned_cell

CATALOG = load_catalog(DATA_DIR)
TABLES = all_tables(CATALOG)
FEATURE_TABLES = [t for t in TABLES if t.startswith("features-")]


def _json(site: Path, rel: str) -> dict:
    return json.loads((site / JSON_DIR / rel).read_text(encoding="utf-8"))


def _tree(site: Path, rel: str):
    return html5lib.parse((site / rel).read_text(encoding="utf-8"), namespaceHTMLElements=False)


def _state(task: str | list) -> str:
    return task if isinstance(task, str) else task[0]


@pytest.mark.parametrize("entry_id", list(CATALOG.entries))
def test_entry_json_says_what_the_catalog_says(site: Path, entry_id: str):
    entry, data = CATALOG[entry_id], _json(site, f"entries/{entry_id}.json")
    assert (data["name"], data["kind"]) == (entry.name, entry.kind_label)
    facts = {f["id"]: f for g in data["groups"] for f in g["facts"]}
    ids = [s.id for s in facts_for_kind(entry.kind)]
    ids.insert(ids.index("latest_version") + 1, "tested_version")  # the tested version beside the latest
    assert list(facts) == ids
    tested = pinned_cell(CATALOG, entry)
    assert (facts["tested_version"]["value"], facts["tested_version"]["text"]) == (tested.value, tested.text)
    for fid, fact in entry.facts.items():
        shown = facts[fid]
        assert shown["value"] == fact.value, fid
        assert data["sources"][shown["source"]] == fact.source if fact.source else "source" not in shown, fid
        assert shown["verified"] == fact.verified.isoformat()
        assert shown.get("note") == (fact.detail or fact.reason), fid
    for task in CATALOG.tasks.values():
        found = status(CATALOG, entry, task)
        if found.state == "irrelevant":
            assert task.id not in data["tasks"]
        else:
            assert data["tasks"][task.id] == ([found.state, found.reason] if found.reason else found.state)


def test_benchmark_figures_are_the_benchmark_tables(site: Path):
    bench_tables = [t for t in TABLES.values() if t.meta.get("scenario") and t.id == f"benchmarks-{t.meta['scenario']}"]
    if not bench_tables:
        pytest.skip("no benchmark run recorded")
    run = CATALOG.latest_run
    for table in bench_tables:
        for row in table.rows:
            entry = row.entry or row.id
            if entry in run.frameworks and row.id != f"{entry}@{run.frameworks[entry].lead.kind}":
                continue  # the picker shows each framework under its lead setup
            figures = {b["scenario"]: b for b in _json(site, f"entries/{entry}.json")["bench"]}
            shown = figures[table.meta["scenario"]]
            assert shown["rps"] == row.cells["rps"].value and shown["concurrency"] == row.cells["concurrency"].value
            assert shown["text"].startswith(row.cells["rps"].text) and shown["run"] == table.meta["run"]


def test_the_picker_shows_the_very_snippet_files(site: Path):
    served = 0
    for entry in CATALOG:
        for task_id, task in _json(site, f"entries/{entry.id}.json")["tasks"].items():
            path = f"snippets/{entry.id}/{task_id}.py"
            if _state(task) in ("tested", "fails"):
                assert (site / path).read_bytes() == (ROOT / path).read_bytes(), path
                served += 1
            else:
                assert not (site / path).exists(), path
    assert served > 100  # every framework's runnable snippets, not a handful


def test_guide_json_asks_only_about_facts_that_exist_and_reports_them(site: Path):
    data = _json(site, "guide.json")
    fact_ids = {s.id for _, _, specs in fact_groups().values() for s in specs}
    assert [q["id"] for q in data["questions"]] == [q.id for q in QUESTIONS]
    asked = {f["id"] for q in data["questions"] for f in q["facts"]}
    assert asked <= fact_ids and {"async_handlers", "websockets", "openapi", "orm", "admin"} <= asked
    assert [x["id"] for x in data["entries"]] == [x.id for x in CATALOG.of_kinds(GUIDE_KINDS)]
    for shown in data["entries"]:
        entry = CATALOG[shown["id"]]
        assert shown["buildsOn"] == entry.builds_on
        for fid in asked:
            fact = entry.facts[fid]
            assert shown["facts"][fid]["value"] == fact.value
            assert data["sources"][shown["facts"][fid]["source"]] == fact.source
        state = status(CATALOG, entry, CATALOG.tasks["background-job"]).state
        assert shown["tasks"]["background-job"] == state
    assert [t["id"] for t in data["teams"]] == ["django", "flask"]


@pytest.mark.parametrize("table_id", FEATURE_TABLES)
def test_filter_bar_offers_exactly_the_yes_no_columns_and_the_kinds_present(site: Path, table_id: str):
    table = TABLES[table_id]
    entries = [CATALOG[r.id] for r in table.rows]
    form = _tree(site, "compare/index.html").find(f".//form[@data-for='{table_id}']")
    assert form is not None and "hidden" in form.attrib  # only the script shows it: no script, plain table
    offered = [i.get("value") for i in form.iter("input") if i.get("name") == "has"]
    # A yes/no column: every entry that knows the fact answers true or false.
    expected = [
        c.id
        for c in table.columns[1:]
        if any(c.id in e.facts and e.facts[c.id].known for e in entries)
        and all(isinstance(e.facts[c.id].value, bool) for e in entries if c.id in e.facts and e.facts[c.id].known)
    ]
    if any(c.id == "lifecycle" for c in table.columns):  # and "an active project", an exact value of that column
        expected.append("lifecycle=active")
    assert offered == expected and offered
    kinds = [i.get("value") for i in form.iter("input") if i.get("name") == "kind"]
    present = list(dict.fromkeys(e.kind for e in entries))
    assert kinds == (present if len(present) > 1 else [])


def test_numeric_columns_are_marked_for_sorting_and_versions_are_not(site: Path):
    tree = _tree(site, "compare/index.html")
    head = {th.get("data-col"): th for th in tree.findall(".//table[@data-table='features-web']/thead/tr/th")}
    assert head["core_dependencies"].get("data-type") == "number"
    assert head["latest_version"].get("data-type") is None  # 3.10 vs 3.9: compared by part, not as a float
    if "benchmarks-hello-json" in TABLES:
        bench = _tree(site, "benchmarks/index.html").find(
            ".//table[@data-table='benchmarks-hello-json']/thead/tr/th[@data-col='rps']"
        )
        assert bench.get("data-type") == "number"


@pytest.mark.parametrize("rel", ["compare/side-by-side/index.html", "guides/choose/index.html"])
def test_without_javascript_the_pages_say_so_and_link_the_same_data(site: Path, rel: str):
    tree = _tree(site, rel)
    box = tree.find(".//div[@class='atlas-explore']")
    nojs = box.find("p[@class='atlas-nojs']")
    assert "needs JavaScript" in "".join(nojs.itertext())
    assert [a.get("href") for a in nojs.iter("a")] == ["../../frameworks/", "../../compare/"]
    assert "hidden" in box.find("form").attrib
    scripts = [s.get("src") for s in tree.iter("script") if s.get("src", "").startswith("../../js/")]
    assert scripts == ["../../js/explore.js", "../../js/" + box.get("data-explore") + ".js"]


def test_picker_offers_every_entry_and_the_tasks_with_code(site: Path):
    form = _tree(site, "compare/side-by-side/index.html").find(".//form[@class='atlas-pick']")
    selects = {s.get("name"): s for s in form.iter("select")}
    # Grouped by kind, each group in the catalog's order (by name).
    assert [o.get("value") for o in selects["a"].iter("option")] == [""] + [
        x.id for k in KIND_LABELS for x in CATALOG.of_kinds((k,))
    ]
    assert not list(selects["b"].iter("option"))  # copied from the first by the script: written once
    assert [o.get("value") for o in selects["task"].iter("option")] == list(CATALOG.tasks)


@pytest.mark.parametrize("rel", ["compare/side-by-side/index.html", "guides/choose/index.html", "compare/index.html"])
def test_markup_in_data_is_text_on_the_interactive_pages(fixture_site: Path, rel: str):
    html = (fixture_site / rel).read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>|" not in html and "<img src=x" not in html
    if rel.startswith("compare/side"):
        options = [o.text for o in _tree(fixture_site, rel).iter("option")]
        assert "Evil <b>| Name" in options  # the name, shown as text


def test_markup_in_data_stays_data_in_the_json(fixture_site: Path):
    """The JSON carries the text as it is; pick.js and guide.js only ever set it as textContent."""
    data = _json(fixture_site, "entries/evil.json")
    assert data["name"] == "Evil <b>| Name"
    orm = next(f for g in data["groups"] for f in g["facts"] if f["id"] == "orm")
    assert orm["note"] == '<img src=x onerror="alert(1)"> | [link](javascript:alert(1))'
    guide = _json(fixture_site, "guide.json")
    assert "Evil <b>| Name" in [x["name"] for x in guide["entries"]]
    for script in ("explore.js", "pick.js", "guide.js", "matrix.js"):
        assert "innerHTML" not in (ROOT / "docs" / "js" / script).read_text(encoding="utf-8")
