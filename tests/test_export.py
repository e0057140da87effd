"""Exports: every format carries the catalog's values cell for cell, and data stays text in each.

The expected cells are worked out here from the catalog itself (facts, snippet statuses,
benchmark points), not from atlas.site.tables, so a slip in the table model shows up as a mismatch.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import html5lib
import pytest
from markdown_it import MarkdownIt

from atlas.core.benchmarks import run_to_data
from atlas.core.catalog import DATA_DIR, Catalog, facts_for_kind, load_catalog
from atlas.core.kinds import FEATURE_MATRICES, SNIPPET_KINDS
from atlas.core.lifecycle import STATES
from atlas.core.setups import SETUP_LABELS
from atlas.core.snippets import pinned_version, status
from atlas.site.bench_tables import SETUP_SHORT
from atlas.site.cite import citations
from atlas.site.export import FORMATS, export
from atlas.site.table_html import table_html
from atlas.site.table_model import Cell, Column, Row, Table
from atlas.site.tables import all_tables, get_table
from tests.conftest import ROOT, TEST_DATA

CATALOG = load_catalog(DATA_DIR)
TODAY = dt.date.today()
TABLES = all_tables(CATALOG, TODAY)


def _lifecycle_words(entry) -> str:
    """The status the rules in atlas/core/lifecycle.py give, worked out again from the entry's data."""
    data = entry.lifecycle
    days = (TODAY - dt.date.fromisoformat(data["last_release"])).days
    says = {s["says"] for s in data.get("statements", [])}
    if says & {"archived", "deprecated"}:
        return "Archived"
    if says & {"abandoned", "unmaintained"} and days > 365:
        return "Abandoned"
    if days > 540:
        return "Dormant"
    return "Slowing" if days > 180 or data["releases_24_months"] < 4 else "Active"


def latest_run(catalog: Catalog) -> dict:
    """The newest run as its file's plain data: the oracle reads the raw figures, not the site's model."""
    return run_to_data(catalog.latest_run)


def _failed(points: list[dict]) -> bool:
    return any(p["has_errors"] or p["rps"]["median"] == 0 for p in points)


# --- what the catalog says each cell is: {row id: {column id: (words, source)}} -----------------


def _fact_words(entry, spec_id: str, catalog: Catalog) -> tuple[str, str | None]:
    fact = entry.facts.get(spec_id)
    if fact is None:
        return "n/a", None
    if fact.value is None:
        words = "Unknown"
    elif isinstance(fact.value, bool):
        words = "Yes" if fact.value else "No"
    elif isinstance(fact.value, list):
        words = ", ".join(catalog[x].name if x in catalog.entries else x for x in fact.value)
    else:
        words = str(fact.value)
    if (TODAY - fact.verified).days > 180:
        words += " (stale)"
    return words, fact.source


def expected_cells(catalog: Catalog, table_id: str) -> tuple[list[str], dict[str, dict[str, tuple[str, str | None]]]]:
    """(entry names in row order, cells) for one matrix, straight from the catalog."""
    if table_id.startswith("features-"):
        kinds = next(k for s, _, k in FEATURE_MATRICES if f"features-{s}" == table_id)
        specs = list(dict.fromkeys(s.id for kind in kinds for s in facts_for_kind(kind)))
        entries = catalog.of_kinds(kinds)
        cells = {
            x.id: {"kind": (x.kind_label, None), "lifecycle": (_lifecycle_words(x), x.lifecycle["source"])}
            | {s: _fact_words(x, s, catalog) for s in specs}
            for x in entries
        }
        return [x.name for x in entries], cells
    if table_id == "task-coverage":
        entries = catalog.of_kinds(SNIPPET_KINDS)
        cells = {}
        for x in entries:
            row = {}
            for task in catalog.tasks.values():
                found = status(catalog, x, task)
                words = {"irrelevant": "—", "tested": "tested", "missing": "missing"}.get(found.state)
                row[task.id] = (words or f"{found.state}: {found.reason}", found.source if found.state == "n/a" else None)
            cells[x.id] = row
        return [x.name for x in entries], cells
    if table_id == "setup-effort":
        return _effort_cells(catalog)
    run = latest_run(catalog)
    if table_id in EXTRA_BENCH:
        return EXTRA_BENCH[table_id](catalog, run)
    if table_id.startswith("benchmarks-sweep-"):
        return _sweep_cells(catalog, run, table_id.removeprefix("benchmarks-sweep-"))
    if table_id.startswith("benchmarks-ranking-"):
        return _scenario_cells(catalog, run, "hello-json", table_id.removeprefix("benchmarks-ranking-"), short=True)
    return _scenario_cells(catalog, run, table_id.removeprefix("benchmarks-"))


def _lead(fw: dict) -> dict:
    """The setup a one-row-per-framework table shows: the common server, else as deployed, else the first."""
    for kind in ("common", "as-deployed"):
        if fw["setups"].get(kind, {}).get("scenarios"):
            return fw["setups"][kind]
    return next(iter(fw["setups"].values()))


def _scenario_cells(catalog: Catalog, run: dict, scenario: str, kind: str | None = None, short: bool = False):
    """One row per measured (framework, setup): ranked ones (with a point without errors) by their best such
    point, then those with errors only; then the run's setups not measured in this scenario, then the waiting."""
    cells, order_key, names = {}, {}, {}
    unmeasured = []
    for fid, fw in run["frameworks"].items():
        for k, setup in fw["setups"].items():
            sc = setup["scenarios"].get(scenario)
            if kind and k != kind:
                continue
            key = f"{fid}@{k}"
            name = catalog[fid].name if short else f"{catalog[fid].name} ({SETUP_SHORT[k]})"
            if not (sc and sc["measured"] and sc.get("points")):
                if sc is not None and not kind:
                    unmeasured.append((fid, key, name, sc.get("reason")))
                continue
            sound = [p for p in sc["points"] if not _failed([p])]
            top = max(sound or sc["points"], key=lambda p: p["rps"]["median"])
            order_key[key] = (not sound, -top["rps"]["median"])
            errors = " (errors)" if _failed(sc["points"]) else ""
            names[key] = name
            cells[key] = {"rps": (f"{top['rps']['median']:,.0f}{errors}", None), "setup": (SETUP_LABELS[k], None)}
            if not short:
                cells[key] |= {
                    "concurrency": (str(top["concurrency"]), None),
                    "distributions": (str(fw["distributions"]), None),
                }
    order = sorted(cells, key=lambda f: order_key[f])
    if kind:
        return [names[k] for k in order], cells
    shown = {k.split("@")[0] for k in order}
    late = [(key, name) for fid, key, name, _ in unmeasured if fid not in shown]
    cells |= {key: {} for key, _ in late}
    shown |= {key.split("@")[0] for key, _ in late}
    waiting = [x for x in catalog.of_kinds(catalog.tasks[scenario].applies_to) if x.id not in shown]
    waiting = [x for x in waiting if status(catalog, x, catalog.tasks[scenario]).state in ("tested", "fails", "missing")]
    cells |= {x.id: {"rps": ("not measured yet", None)} for x in waiting}
    return [names[k] for k in order] + [name for _, name in late] + [x.name for x in waiting], cells


def _effort_cells(catalog: Catalog):
    """Lines counted straight from the snippet files of the tasks each framework passes."""
    names, cells = [], {}
    for x in catalog.of_kinds(SNIPPET_KINDS):
        counts = {}
        for task in catalog.tasks.values():
            path = ROOT / "snippets" / x.id / f"{task.id}.py"
            if status(catalog, x, task).state == "tested" and path.exists():
                counts[task.id] = len(
                    [ln for ln in path.read_text().splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
                )
        if counts:
            names.append(x.name)
            cells[x.id] = {"lines": (f"{statistics.median(counts.values()):g}", None)} | {
                t: (str(n), None) for t, n in counts.items()
            }
    return names, cells


def _sweep_cells(catalog: Catalog, run: dict, scenario: str = "hello-json"):
    hello = {
        f: _lead(fw)["scenarios"][scenario]
        for f, fw in run["frameworks"].items()
        if _lead(fw)["scenarios"].get(scenario, {}).get("measured")
    }
    order = sorted(hello, key=lambda f: -max(p["rps"]["median"] for p in hello[f]["points"]))
    cells = {
        f: {
            f"c{p['concurrency']}": (f"{p['rps']['median']:,.0f}" + (" (errors)" if _failed([p]) else ""), None)
            for p in hello[f]["points"]
        }
        for f in order
    }
    return [catalog[f].name for f in order], cells


def _latency_cells(catalog: Catalog, run: dict):
    hello = {
        f: _lead(fw)["scenarios"]["hello-json"]
        for f, fw in run["frameworks"].items()
        if _lead(fw)["scenarios"]["hello-json"]["measured"]
    }
    order = sorted(hello, key=lambda f: -max(p["rps"]["median"] for p in hello[f]["points"]))
    cells = {}
    for f in order:
        at64 = next((p for p in hello[f]["points"] if p["concurrency"] == 64), None) or max(
            hello[f]["points"], key=lambda p: p["rps"]["median"]
        )
        v = at64["latency_ms"]["p99"]
        cells[f] = {"p99": ((f"{v:,.1f}" if v < 100 else f"{v:,.0f}") + (" (errors)" if _failed([at64]) else ""), None)}
    return [catalog[f].name for f in order], cells


def _scenarios_cells(catalog: Catalog, run: dict):
    cells = {}
    for f, fw in run["frameworks"].items():
        sc = _lead(fw)["scenarios"].get("hello-json")
        if sc and sc["measured"]:
            at64 = next((p for p in sc["points"] if p["concurrency"] == 64), None) or max(
                sc["points"], key=lambda p: p["rps"]["median"]
            )
            cells[f] = {"hello-json": (f"{at64['rps']['median']:,.0f}" + (" (errors)" if _failed([at64]) else ""), None)}
    hello = {f: _lead(run["frameworks"][f])["scenarios"]["hello-json"] for f in cells}
    order = sorted(cells, key=lambda f: -max(p["rps"]["median"] for p in hello[f]["points"]))
    return [catalog[f].name for f in order], cells


def _open_loop_cells(catalog: Catalog, run: dict):
    cells, peaks = {}, {}
    for fid, fw in run["frameworks"].items():
        hello = _lead(fw)["scenarios"]["hello-json"]
        if hello.get("open_loop"):
            peaks[fid] = max(p["rps"]["median"] for p in hello["points"])
            row = {"peak": (f"{peaks[fid]:,.0f}", None)}
            for r in hello["open_loop"]:
                pct = f"{100 * r['fraction_of_peak']:.0f}%"
                flag = " (errors)" if r["has_errors"] else "" if r["kept_schedule"] else " (behind)"
                row[f"rate-{pct}"] = (f"{r['target_rps']:,.0f}{flag}", None)
            cells[fid] = row
    order = sorted(cells, key=lambda f: -peaks[f])
    return [catalog[f].name for f in order], cells


def _websocket_cells(catalog: Catalog, run: dict):
    found = {f: r for f, r in (run.get("websocket_echo") or {}).items() if r["measured"]}
    cells = {
        f: {"mps": (f"{r['messages_per_s']['median']:,.0f}" + (" (client-bound)" if r["client_bound"] else ""), None)}
        for f, r in found.items()
    }
    order = sorted(found, key=lambda f: -found[f]["messages_per_s"]["median"])
    return [catalog[f].name for f in order], cells


def _queue_cells(catalog: Catalog, run: dict):
    found = {(f, b): r for f, by in (run.get("queues") or {}).items() for b, r in by.items() if r["measured"]}
    cells = {f"{f}-{b}": {"completed": (f"{sum(r['completed']):,} of {sum(r['jobs']):,}", None)} for (f, b), r in found.items()}
    order = sorted(found, key=lambda k: -found[k]["jobs_per_s"]["median"])
    names = {"redis": "Redis", "rabbitmq": "RabbitMQ", "postgres": "PostgreSQL"}
    return [f"{catalog[f].name} ({names.get(b, b)})" for f, b in order], cells


def _spread_cells(catalog: Catalog, run: dict):
    """Runs with interleaved repeats: every measured (framework, setup), its CV across the repeats of its
    peak; older runs: the few frameworks repeated in separate runs, the CV of their peaks across those."""
    measured = {
        (fid, k): setup
        for fid, fw in run["frameworks"].items()
        for k, setup in fw["setups"].items()
        if any(sc.get("measured") and sc.get("points") for sc in setup["scenarios"].values())
    }
    if any(p["rps"].get("spread") == "across-repeats" for s in measured.values() for sc in s["scenarios"].values()
           for p in sc.get("points", [])):  # fmt: skip
        keys = sorted(measured)
        cells = {}
        for f, k in keys:
            row = cells[f"{f}@{k}"] = {}
            for scenario, sc in measured[(f, k)]["scenarios"].items():
                if sc.get("measured") and sc.get("points"):
                    peak = max(sc["points"], key=lambda p: p["rps"]["median"])
                    row[scenario] = (f"{100 * peak['rps']['cv']:.1f}%" + (" (errors)" if _failed(sc["points"]) else ""), None)
        return [f"{catalog[f].name} ({SETUP_SHORT[k]})" for f, k in keys], cells
    repeats = [run_to_data(r) for r in catalog.benchmarks.values() if r.repeat_of == run["id"]]
    cells: dict[str, dict] = {}
    for fid in dict.fromkeys(f for r in repeats for f in r["frameworks"]):
        for scenario in _lead(run["frameworks"][fid])["scenarios"]:
            values = []
            for r in (run, *repeats):
                sc = _lead(r["frameworks"][fid])["scenarios"].get(scenario, {})
                sound = [p["rps"]["median"] for p in sc.get("points", []) if not p["has_errors"] and p["rps"]["median"]]
                values.append(max(sound) if sound else None)
            if None not in values:
                cv = statistics.stdev(values) / statistics.mean(values)
                cells.setdefault(fid, {})[scenario] = (f"{100 * cv:.1f}%", None)
    return [catalog[f].name for f in cells], cells


def _effect_cells(catalog: Catalog, run: dict):
    """Frameworks measured under two setups or more (none before December 2026), the largest best ÷ worst
    (over setups without errors) first."""
    effect = {}
    for f, fw in run["frameworks"].items():
        scs = [s["scenarios"].get("hello-json", {}) for s in fw["setups"].values()]
        scs = [sc for sc in scs if sc.get("measured") and sc.get("points")]
        if len(scs) > 1:
            peaks = [max(p["rps"]["median"] for p in sc["points"]) for sc in scs if not _failed(sc["points"])]
            effect[f] = max(peaks) / min(peaks) if len(peaks) > 1 and min(peaks) else 0
    order = sorted(effect, key=lambda f: -effect[f])
    return [catalog[f].name for f in order], {f: {"effect": (f"×{effect[f]:.1f}" if effect[f] else "—", None)} for f in order}


def _cost_cells(catalog: Catalog, run: dict):
    rows = [
        (f"{fid}@{k}", s["scenarios"]["hello-json"])
        for fid, fw in run["frameworks"].items()
        for k, s in fw["setups"].items()
        if s["scenarios"].get("hello-json", {}).get("points")
    ]
    costed = {
        key: max(sc["points"], key=lambda p: p["rps"]["median"])["cpu_us_per_request"]
        for key, sc in rows
        if "cpu_us_per_request" in max(sc["points"], key=lambda p: p["rps"]["median"])
    }
    order = sorted(costed, key=costed.get)
    return [f"{catalog[k.split('@')[0]].name} ({SETUP_SHORT[k.split('@')[1]]})" for k in order], {
        k: {"us_per_request": (f"{costed[k]:,.0f}", None)} for k in order
    }


def _capacity_cells(catalog: Catalog, run: dict):
    found = run.get("capacity") or {}
    return [catalog[f].name for f in found], {f: {} for f in found}


def _shard_cells(catalog: Catalog, run: dict):
    shards = run.get("shards") or []
    return [f"Shard {s['index']} of {s['count']}" for s in shards], {f"shard-{s['index']}": {} for s in shards}


EXTRA_BENCH = {
    "benchmarks-server-effect": _effect_cells,
    "benchmarks-cost": _cost_cells,
    "benchmarks-capacity": _capacity_cells,
    "benchmarks-shards": _shard_cells,
    "benchmarks-sweep": _sweep_cells,
    "benchmarks-latency": _latency_cells,
    "benchmarks-scenarios": _scenarios_cells,
    "benchmarks-open-loop": _open_loop_cells,
    "benchmarks-websocket": _websocket_cells,
    "benchmarks-queues": _queue_cells,
    "benchmarks-spread": _spread_cells,
}


# --- reading each format back --------------------------------------------------------------------


def _split(line: str) -> list[str]:
    """Cells of a table line: split on pipes that are neither backslash-escaped nor inside [a link]."""
    cells, current, depth, i = [], "", 0, 0
    while i < len(line):
        ch = line[i]
        if ch == "\\":
            current, i = current + line[i : i + 2], i + 2
            continue
        depth += {"[": 1, "]": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            cells.append(current)
            current = ""
        else:
            current += ch
        i += 1
    return [*cells, current]


def read_markdown(text: str) -> list[list[tuple[str, str | None]]]:
    rows = []
    for line in text.splitlines()[2:]:
        cells = []
        for raw in _split(line.strip())[1:-1]:
            raw = raw.strip()
            link = re.fullmatch(r"\[(.*)\]\((\S+)\)", raw)
            words, url = (link.group(1), unquote(link.group(2))) if link else (raw, None)
            cells.append((re.sub(r"\\(.)", r"\1", words), url))
        rows.append(cells)
    return rows


def read_mediawiki(text: str) -> list[list[tuple[str, str | None]]]:
    rows = []
    for line in text.splitlines():
        if line.startswith("| "):
            cells = []
            for raw in line[2:].split(" || "):
                link = re.fullmatch(r"\[(\S+) (.*)\]", raw)
                words, url = (link.group(2), unquote(link.group(1))) if link else (raw, None)
                cells.append((html.unescape(words), url))
            rows.append(cells)
    return rows


def read_confluence(text: str) -> list[list[tuple[str, str | None]]]:
    rows = []
    for line in text.splitlines()[1:]:
        cells = []
        for raw in _split(line)[1:-1]:
            link = re.fullmatch(r"\[((?:[^|\\]|\\.)*)\|(\S+)\]", raw)
            words, url = (link.group(1), unquote(link.group(2))) if link else (raw, None)
            cells.append((re.sub(r"\\(.)", r"\1", words).replace("&#92;", "\\"), url))
        rows.append(cells)
    return rows


def _check_rows(table_id: str, rows: list[list[tuple[str, str | None]]], fmt: str, links: bool = True) -> None:
    """Rows read back from a format hold the catalog's words, each linked to its source where the format links."""
    table = TABLES[table_id]
    names, cells = expected_cells(CATALOG, table_id)
    assert [r[0][0] for r in rows] == names, (table_id, fmt)
    for row, got in zip(table.rows, rows, strict=True):
        assert len(got) == 1 + len(table.columns), (table_id, fmt, row.id)
        for column, (words, url) in zip(table.columns, got[1:], strict=True):
            want = cells[row.id].get(column.id)
            if want is None:  # a benchmark column this test does not re-derive
                continue
            assert words == want[0], (table_id, fmt, row.id, column.id)
            if want[1] and links:
                assert url == unquote(want[1]), (table_id, fmt, row.id, column.id)


@pytest.mark.parametrize("table_id", list(TABLES))
def test_text_formats_agree_with_the_catalog_cell_for_cell(table_id: str):
    table = TABLES[table_id]
    _check_rows(table_id, read_markdown(export(table, "markdown")), "markdown")
    _check_rows(table_id, read_mediawiki(export(table, "mediawiki")), "mediawiki")
    _check_rows(table_id, read_confluence(export(table, "confluence")), "confluence")
    got = list(csv.reader(io.StringIO(export(table, "csv"))))
    assert got[0] == ["id", table.row_header, *(c.heading for c in table.columns)]
    _check_rows(table_id, [[(cell, None) for cell in line[1:]] for line in got[1:]], "csv", links=False)
    assert [line[0] for line in got[1:]] == [r.id for r in table.rows]


def test_json_keeps_values_sources_and_verified_dates():
    for table_id in ("features-web", "features-queues", "features-servers"):
        doc = json.loads(export(TABLES[table_id], "json"))
        assert doc["snapshot"] and doc["columns"][0]["id"] == "kind"
        for row in doc["rows"]:
            entry = CATALOG[row["id"]]
            for fid, cell in row["cells"].items():
                if fid == "kind":
                    assert cell["value"] == entry.kind
                    continue
                if fid == "lifecycle":
                    assert cell["value"] in STATES and cell["source"] == entry.lifecycle["source"]
                    continue
                if fid == "tested_version":  # the pin beside the latest: from the snippets' lock
                    assert cell["value"] == pinned_version(CATALOG, entry).tested, row["id"]
                    continue
                fact = entry.facts.get(fid)
                if fact is None:  # a column of another kind in the same matrix
                    assert (cell["value"], cell["text"], cell["source"]) == (None, "n/a", None)
                    continue
                assert cell["value"] == fact.value, (row["id"], fid)
                assert cell["source"] == fact.source
                assert cell["verified"] == fact.verified.isoformat()
                assert cell["note"] == (fact.detail if fact.known else fact.reason)


def test_json_benchmark_cells_are_the_run_figures():
    run = latest_run(CATALOG)
    doc = json.loads(export(TABLES["benchmarks-hello-json"], "json"))
    assert doc["run"] == run["id"]
    for row in doc["rows"]:
        if row["id"] not in run["frameworks"] and "@" not in row["id"]:
            assert row["cells"]["rps"]["value"] is None and row["cells"]["rps"]["text"] == "not measured yet"
            continue
        fid, kind = row["id"].split("@")
        points = run["frameworks"][fid]["setups"][kind]["scenarios"]["hello-json"]["points"]
        assert row["cells"]["rps"]["value"] == max(p["rps"]["median"] for p in points)
        # each figure carries its setup, its interval and its rank band (issue: one row per framework and setup)
        assert row["cells"]["setup"]["value"] == kind and row["cells"]["band"]["text"]
        low, high = (float(x.replace(",", "")) for x in row["cells"]["interval"]["text"].split("–"))
        assert low <= row["cells"]["rps"]["value"] <= high


# --- injected markup stays text ----------------------------------------------------------------


@pytest.fixture(scope="module")
def evil_catalog(tmp_path_factory) -> Catalog:
    """The fixture tree plus the injection entry, whose latest version here also carries a script and a pipe."""
    data = tmp_path_factory.mktemp("evil-data")
    shutil.copytree(TEST_DATA / "valid", data, dirs_exist_ok=True)
    shutil.copytree(ROOT / "data" / "tasks", data / "tasks")
    evil = (TEST_DATA / "injection" / "evil.yaml").read_text()
    evil = evil.replace("value: 1.2.0", "value: \"<script>alert('x')</script> | MIT *bold* [x](javascript:y)\"", 1)
    (data / "frameworks" / "evil.yaml").write_text(evil)
    return load_catalog(data)


EVIL_VERSION = "<script>alert('x')</script> | MIT *bold* [x](javascript:y)"


def test_markdown_keeps_pipe_and_script_in_one_escaped_cell(evil_catalog: Catalog):
    table = get_table(evil_catalog, "features-web").select(["alpha", "evil"], ["latest_version", "orm"])
    text = export(table, "markdown")
    for raw in _split(text.splitlines()[3].strip())[1:-1]:  # the evil row: no markup character left bare
        inner = re.sub(r"^\s*\[(.*)\]\(\S+\)\s*$", r"\1", raw)
        assert not re.search(r"(?<!\\)[<>|*\[\]]", inner), raw
    rows = read_markdown(text)
    assert [r[0][0] for r in rows] == ["Alpha", "Evil <b>| Name"]
    assert rows[1][1][0] == EVIL_VERSION
    # A CommonMark renderer with GitHub's tables agrees: two rows of three cells, the markup shown as text.
    gfm = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendered = html5lib.parse(gfm.render(text), namespaceHTMLElements=False)
    body_rows = rendered.findall(".//tbody/tr")
    assert [len(r.findall("td")) for r in body_rows] == [3, 3]
    assert not rendered.findall(".//script") and not rendered.findall(".//b") and not rendered.findall(".//em")
    evil_cells = ["".join(td.itertext()) for td in body_rows[1].findall("td")]
    assert evil_cells[:2] == ["Evil <b>| Name", EVIL_VERSION]


@pytest.mark.parametrize("fmt", ["mediawiki", "confluence", "csv"])
def test_wiki_formats_and_csv_keep_the_injected_text_in_one_cell(evil_catalog: Catalog, fmt: str):
    table = get_table(evil_catalog, "features-web").select(["evil"], ["latest_version", "orm"])
    text = export(table, fmt)
    if fmt == "csv":
        rows = [[(c, None) for c in line[1:]] for line in list(csv.reader(io.StringIO(text)))[1:]]
    elif fmt == "mediawiki":  # wikitext passes some HTML tags through: none may be left
        assert "<" not in text
        rows = read_mediawiki(text)
    else:  # Confluence wiki markup shows HTML as text (raw HTML needs its {html} macro, whose braces are escaped)
        assert "{" not in text.replace("\\{", "")
        rows = read_confluence(text)
    assert [c[0] for c in rows[0]] == ["Evil <b>| Name", EVIL_VERSION, "No"]


def test_html_fragment_is_strict_html5_without_script(evil_catalog: Catalog):
    text = export(get_table(evil_catalog, "features-web"), "html")
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(text)
    assert not tree.findall(".//script") and not tree.findall(".//img") and not tree.findall(".//b")
    rows = tree.findall(".//tbody/tr")
    assert [r.get("data-id") for r in rows] == [x.id for x in evil_catalog.of_kinds(FEATURE_MATRICES[0][2])]
    evil = next(r for r in rows if r.get("data-id") == "evil")
    assert "".join(evil.find("th").itertext()) == "Evil <b>| Name"
    version = evil.find("td[@data-col='latest_version']")
    assert "".join(version.itertext()) == EVIL_VERSION and version.get("data-value") == EVIL_VERSION
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert hrefs and all(h.startswith("https://") for h in hrefs), "a fragment links to sources only"


def test_json_keeps_the_injected_text_exactly(evil_catalog: Catalog):
    doc = json.loads(export(get_table(evil_catalog, "features-web").select(["evil"]), "json"))
    cells = doc["rows"][0]["cells"]
    assert cells["latest_version"]["value"] == EVIL_VERSION
    assert cells["orm"]["note"] == '<img src=x onerror="alert(1)"> | [link](javascript:alert(1))'


# --- the command line ----------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "atlas", "export", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_cli_selects_frameworks_and_columns_in_the_order_given(tmp_path: Path):
    out = tmp_path / "t.csv"
    proc = _cli(
        "features-web", "--frameworks", "fastapi,flask", "--columns", "openapi,license", "--format", "csv", "-o", str(out)
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(out.open()))
    assert rows[0] == ["id", "Name", "OpenAPI", "License"]
    assert [r[0] for r in rows[1:]] == ["fastapi", "flask"]
    assert rows[2][3] == _fact_words(CATALOG["flask"], "license", CATALOG)[0]
    stdout = _cli("features-web", "--frameworks", "fastapi,flask", "--columns", "openapi,license", "--format", "csv")
    assert stdout.stdout == out.read_text()


@pytest.mark.parametrize(
    ("args", "named", "valid"),
    [
        (["features-web", "--frameworks", "flask,nosuch"], "nosuch", "fastapi"),
        (["features-web", "--columns", "license,colour"], "colour", "openapi"),
        (["no-such-matrix"], "no-such-matrix", "task-coverage"),
    ],
)
def test_cli_unknown_ids_exit_2_naming_the_valid_ones(args: list[str], named: str, valid: str):
    proc = _cli(*args)
    assert proc.returncode == 2
    assert named in proc.stderr and valid in proc.stderr
    assert proc.stdout == ""


def test_cli_list_names_every_matrix_with_its_columns():
    proc = _cli("--list")
    assert proc.returncode == 0
    for table in TABLES.values():
        assert f"{table.id}: {table.title}" in proc.stdout
        assert "columns: " + ", ".join(c.id for c in table.columns) in proc.stdout


def test_every_format_is_written():
    table = TABLES["features-servers"]
    for fmt in FORMATS:
        text = export(table, fmt)
        for row in table.rows:
            assert row.name in text or html.escape(row.name) in text, (fmt, row.id)


# --- notes, groups and units: markers on the site, full words in every export ------------------

LONG_VALUE = "single process running an event loop; scale by running several processes under a supervisor"
NOTED = Table(
    id="noted",
    title="Noted",
    description="",
    page="compare/#noted",
    row_header="Name",
    columns=(
        Column("peak", "Peak", unit="req/s", group="At the best concurrency"),
        Column("p99", "p99", unit="ms", group="At the best concurrency"),
        Column("model", "Worker model"),
    ),
    rows=(
        Row("a", "Alpha", {"peak": Cell(10, "10"), "p99": Cell(1.5, "1.5"), "model": Cell(LONG_VALUE, LONG_VALUE)}),
        Row(
            "b",
            "Beta",
            {
                "peak": Cell(None, "n/a", note="still running after 20 s", note_inline=True),
                "p99": Cell(None, "n/a", note="still running after 20 s", note_inline=True),
                "model": Cell("threads", "threads"),
            },
            note="measured on another day",
        ),
    ),
    snapshot=dt.date(2026, 11, 30),
)


def test_long_notes_and_values_become_markers_and_the_exports_keep_every_word():
    page = table_html(NOTED, "../")
    table, notes = page.split("</table>")
    # On the site: no note and no long value inside the table, a numbered marker instead; the same note keeps its number.
    shown = html.unescape(re.sub(r"<[^>]+>", " ", table))  # the words a reader sees (tooltips aside)
    assert "still running" not in shown and LONG_VALUE not in shown and "another day" not in shown
    assert "single process running an event…" in shown
    assert table.count('href="#noted-note-') == 4 and table.count('href="#noted-note-3"') == 2
    listed = re.findall(r'<li id="noted-note-(\d)"><span class="atlas-note-at">(.*?):</span> (.*?)</li>', notes)
    assert listed == [
        ("1", "Alpha, Worker model", LONG_VALUE),
        ("2", "Beta", "measured on another day"),
        ("3", "Beta, Peak; Beta, p99", "still running after 20 s"),
    ]
    # Column groups get a header row of their own, with as many cells as every other row; units sit in the header.
    head = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[0])
    assert len(head) == 2 and 'colspan="2" class="atlas-group"><span>At the best concurrency</span>' in head[0]
    assert '<span class="atlas-unit">(req/s)</span>' in head[1]
    # Every export keeps the full words: the flat header names group and unit, JSON keeps notes, wikis the row's note.
    got = list(csv.reader(io.StringIO(export(NOTED, "csv"))))
    assert got[0] == ["id", "Name", "At the best concurrency: Peak (req/s)", "At the best concurrency: p99 (ms)", "Worker model"]
    assert got[1][4] == LONG_VALUE
    doc = json.loads(export(NOTED, "json"))
    assert doc["columns"][0] == {
        "id": "peak",
        "title": "Peak",
        "description": "",
        "unit": "req/s",
        "group": "At the best concurrency",
    }
    assert doc["rows"][1]["note"] == "measured on another day"
    assert doc["rows"][1]["cells"]["peak"]["note"] == "still running after 20 s"
    for fmt in ("markdown", "mediawiki", "confluence"):
        assert "another day" in export(NOTED, fmt), fmt


def test_citations_name_title_version_snapshot_and_url_and_keep_data_as_text(monkeypatch):
    monkeypatch.setenv("MIKE_DOCS_VERSION", "2026.12")
    cites = {
        label: html.unescape(re.sub(r"<[^>]+>", "", text))
        for label, text in citations(replace(NOTED, title="Odd } title {x} [l](javascript:x) <b>")).items()
    }
    plain = cites["Plain text"]
    assert plain.startswith("Odd } title {x} [l](javascript:x) <b>.") and "version 2026.12, data snapshot 2026-11-30" in plain
    assert plain.endswith(" compare/#noted")  # the page's path; docs/js/matrix.js puts the reader's URL there
    assert "title = {Odd \\} title \\{x\\} [l](javascript:x) <b>}," in cites["BibTeX-like"]  # no brace ends the field
    assert cites["BibTeX-like"].endswith("howpublished = {\\url{compare/#noted}}\n}")
    markdown = cites["Markdown link (wikis)"]
    assert markdown.startswith("[Odd \\} title \\{x\\} \\[l\\]\\(javascript\\:x\\) \\<b\\>")
    assert markdown.endswith("](compare/#noted)")
    monkeypatch.delenv("MIKE_DOCS_VERSION")
    assert "unreleased build" in citations(NOTED)["APA-like"]
