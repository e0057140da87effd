"""Data is never code: payloads of every class in every string field of every data kind, one build,
every output checked (atlas/inert.py is the one place that makes this hold).

The fields come from walking the JSON Schemas with the data (tests/payloads.py), not from a list:
a field added to a schema is covered without editing this test, and so is a new output file or a
new export format. The build runs in a temporary working directory, so an evaluated payload that
creates a file would create it there, where the test looks for it. The per-field report (classes
put in, classes the schema refused and why, outputs reached) is written to
test-results/injection-report.txt.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from atlas.core.catalog import DATA_KINDS, load_catalog
from atlas.core.yamlsafe import DataError, dotted, load_yaml, max_bytes
from tests import payloads
from tests.conftest import build_site
from tests.payloads import PAYLOADS, SHAPES, Finding, Leaf, Report

ROOT = Path(__file__).resolve().parent.parent

#: Folder under data/ -> the schema its files follow (the loader's own list).
KINDS = DATA_KINDS


def _inject(data: Path, report: Report) -> dict[str, str]:
    """Put payloads into every string field found in the data tree; return {marker: field}."""
    markers: dict[str, str] = {}
    docs: dict[Path, tuple[str, object]] = {}
    by_field: dict[str, list[Leaf]] = {}
    sites: dict[str, list[Leaf]] = {}  # "<schema>#<object pointer>" -> objects checked against it
    for folder, schema in KINDS.items():
        for path in sorted((data / folder).glob("*.yaml")):
            doc = load_yaml(path.read_text(encoding="utf-8"), path.name, max_bytes(schema)).data
            docs[path] = (schema, doc)
            objects: list = []
            for leaf in payloads.walk(schema, doc, path, objects):
                by_field.setdefault(leaf.field, []).append(leaf)
            for where, pointer in objects:
                sites.setdefault(f"{schema}#{pointer}", []).append(Leaf(path, where, ""))
    # A field the data never uses is added where the schema allows it (an optional reason, a note).
    absent = sorted(set().union(*(payloads.string_fields(s) for s in KINDS.values())) - set(by_field))
    for field_id in absent:
        parent, _, name = field_id.rpartition("/properties/")
        tries = [Leaf(site.file, (*site.path, name), field_id) for site in sites.get(parent, [])[:20]]
        probes = (PAD.strip(), "https://example.org/probe")
        usable = [t for t in tries if any(payloads.rejection(docs[t.file][0], docs[t.file][1], t, p) is None for p in probes)]
        if usable:
            by_field[field_id] = usable[:3]
        else:
            report.absent.append(field_id)
    classes = list(PAYLOADS)
    planned: list[tuple[Leaf, list[tuple[str, str]], str]] = []
    for number, (field_id, leaves) in enumerate(sorted(by_field.items())):
        schema = docs[leaves[0].file][0]
        refused = report.refused.setdefault(field_id, {})

        def refusal(leaf: Leaf, items: list, pad: bool, shape: str = "{}", schema: str = schema) -> str | None:
            return payloads.rejection(schema, docs[leaf.file][1], leaf, _value(items, pad, shape))

        # The first shape in which some payload class fits (a command refuses braces, so no template fits it).
        probes = [[(cls, f"z{number}q{c}z")] for c, cls in enumerate(classes)]
        shape = next(
            (sh for sh in SHAPES for probe in probes for pd in (False, True) if refusal(leaves[0], probe, pd, sh) is None),
            "{}",
        )
        accepted, pad = [], False
        for c, cls in enumerate(classes):
            item = (cls, f"z{number}q{c}z")
            why = refusal(leaves[0], [item], pad, shape)
            if why and why.startswith("minLength") and not pad and refusal(leaves[0], [item], True, shape) is None:
                pad, why = True, None  # every value of this field gets the neutral padding from now on
            if why:
                refused[cls] = why
            else:
                accepted.append(item)
        # Spread the accepted classes over the field's instances, several to one where there are fewer
        # instances than classes, as long as the schema still accepts the combined value.
        slots: list[list[tuple[str, str]]] = [[] for _ in leaves]
        for item in accepted:
            order = sorted(range(len(leaves)), key=lambda i: len(slots[i]))
            home = next((i for i in order if refusal(leaves[i], [*slots[i], item], pad, shape) is None), None)
            if home is None:
                refused[item[0]] = "fits alone, but no instance had room left"
            else:
                slots[home].append(item)
        planned += [(leaf, items, _value(items, pad, shape)) for leaf, items in zip(leaves, slots, strict=True) if items]
    # Values first, then keys from the deepest up: renaming a key must not move a value still to be written.
    planned.sort(key=lambda p: (p[0].is_key, -len(p[0].path)))
    originals: dict[tuple, object] = {}
    for leaf, _kept, value in planned:
        originals[(leaf.file, leaf.path, leaf.is_key)] = _get(docs[leaf.file][1], leaf)
        payloads.put(docs[leaf.file][1], leaf, value)
    _write(docs)
    # Checks beyond the schema (references to entries, tasks and facts; dates) refuse some values: put
    # those fields back, say so in the report, and let the rest through.
    for _round in range(5):
        try:
            load_catalog(data)
            break
        except DataError as exc:
            refused = {(Path(p.file).name, p.field): p.message for p in exc.problems}
            problems = str(exc)
        back = [p for p in planned if (p[0].file.name, _where(p[0], p[2])) in refused]
        assert back, f"the loader refused the injected data where no payload was put:\n{problems}"
        for leaf, kept, value in back:
            why = refused[(leaf.file.name, _where(leaf, value))]
            for c, _m in kept:
                report.refused.setdefault(leaf.field, {})[c] = f"loader: {why[:100]}"
            now = Leaf(leaf.file, (*leaf.path[:-1], value), leaf.field, True) if leaf.is_key else leaf
            original = originals[(leaf.file, leaf.path, leaf.is_key)]
            if original is ABSENT:
                parent = _get(docs[leaf.file][1], Leaf(leaf.file, leaf.path[:-1], ""))
                del parent[leaf.path[-1]]
            else:
                payloads.put(docs[leaf.file][1], now, original)
            planned.remove((leaf, kept, value))
        _write(docs)
    for leaf, kept, _value_put in planned:
        for c, m in kept:
            markers[m] = leaf.field
            report.exercised.setdefault(leaf.field, []).append(c)
    return markers


#: The field name in the report for the commit subjects the change feeds and pages show.
GIT_SUBJECT = "git#commit-subject"


def _commit_history(data: Path, report: Report) -> dict[str, str]:
    """Make the injected data folder a repository whose one commit's subject carries the one-line payloads:
    commit subjects reach the change feeds and pages (atlas.site.history), and come from contributors too."""
    items = [(c, f"zgitq{i}z") for i, c in enumerate(PAYLOADS) if "\n" not in PAYLOADS[c]]
    subject = " ".join(payloads.payload(c, m) for c, m in items)
    git = ["git", "-c", "user.name=Injection", "-c", "user.email=injection@atlas.invalid", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=data, check=True)
    subprocess.run([*git, "add", "-A"], cwd=data, check=True)
    subprocess.run([*git, "commit", "-q", "-m", subject], cwd=data, check=True)
    report.exercised[GIT_SUBJECT] = [c for c, _m in items]
    return {m: GIT_SUBJECT for _c, m in items}


#: Appended to every payload of a field whose minimum length the bare payloads do not reach.
PAD = " (padded to the minimum length this field asks for)"


def _value(items: list[tuple[str, str]], pad: bool, shape: str = "{}") -> str:
    """The payloads of items in one value, in the field's shape, padded if the field needs it."""
    text = shape.format(" ".join(payloads.payload(c, m) for c, m in items))
    return text + PAD if pad else text


def _where(leaf: Leaf, value: str) -> str:
    """The field as the loader names it once the payload is in (a renamed key names its new self)."""
    return dotted((*leaf.path[:-1], value)) if leaf.is_key else dotted(leaf.path)


#: The value of a field that was not there before the payload.
ABSENT = object()


def _get(doc: object, leaf: Leaf) -> object:
    if leaf.is_key:
        return leaf.path[-1]
    for part in leaf.path:
        if part not in doc if isinstance(doc, dict) else False:
            return ABSENT
        doc = doc[part]
    return doc


def _write(docs: dict[Path, tuple[str, object]]) -> None:
    for path, (_schema, doc) in docs.items():
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def _outputs(site: Path, data: Path) -> dict[str, str]:
    """Every file the build wrote, and every matrix in every CLI export format."""
    from atlas.core.catalog import load_catalog
    from atlas.site.export import FORMATS, export
    from atlas.site.tables import all_tables

    out = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file() and _is_text(p)}
    for table_id, table in all_tables(load_catalog(data)).items():
        for fmt in FORMATS:
            out[f"cli:export {table_id} --format {fmt}"] = export(table, fmt)
    return out


def _is_text(path: Path) -> bool:
    return path.suffix in (".html", ".xml", ".json", ".csv", ".md", ".yaml", ".txt", ".atom", ".rss") or path.name.endswith(".md")


def _check(name: str, text: str, markers: list[str]) -> list[Finding]:
    if name.endswith((".html", "--format html", "--format embed")):
        return payloads.check_html(name, text, markers)
    if name == "search/search_index.json":
        found = []
        for doc in json.loads(text)["docs"]:
            found += payloads.check_html(f"{name} ({doc['location']})", doc["title"] + "\n" + doc["text"], markers)
        return found
    if name.endswith((".csv", "--format csv")):
        return payloads.check_csv(name, text)
    if name.endswith((".md", "--format markdown")):
        return payloads.check_markdown(name, text, markers)
    if name.endswith(("--format mediawiki", "--format confluence", ".txt")):
        return payloads.check_text_markup(name, text, markers)
    if name.endswith(".atom"):
        return payloads.check_feed(name, text, markers)
    if name.endswith((".xml", ".rss")):
        return payloads.check_html(name, text, markers)
    if name.endswith((".json", "--format json")):
        json.loads(text)  # raw data by design; it must still be JSON
        return []
    if name.endswith(".yaml"):
        yaml.safe_load(text)
        return []
    raise AssertionError(f"no check for the output {name}: add one to tests/test_injection.py")


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> tuple[Path, Path, Report, dict[str, str], Path]:
    data = tmp_path_factory.mktemp("injected-data")
    shutil.copytree(ROOT / "data", data, dirs_exist_ok=True)
    report = Report()
    markers = _inject(data, report)
    markers |= _commit_history(data, report)
    site = tmp_path_factory.mktemp("injected-site")
    workdir = tmp_path_factory.mktemp("build-cwd")  # an evaluated payload would create its files here
    try:
        build_site(site, data, cwd=workdir)
    except AssertionError as exc:
        raise AssertionError(f"the build refused the injected data: {str(exc)[-5000:]}") from None
    return data, site, report, markers, workdir


def test_no_payload_comes_alive_in_any_output(injected):
    data, site, report, markers, workdir = injected
    findings: list[Finding] = []
    reached: dict[str, set[str]] = {}
    marker_list = list(markers)
    outputs = _outputs(site, data)
    for name, text in outputs.items():
        findings += _check(name, text, marker_list)
        for m in marker_list:
            if m in text:
                reached.setdefault(markers[m], set()).add(name)
    report.reached = reached
    out = ROOT / "test-results"
    out.mkdir(exist_ok=True)
    (out / "injection-report.txt").write_text(
        f"{len(outputs)} outputs checked\n" + report.text() + "".join(f"FOUND {f.output}: {f.what}\n" for f in findings),
        encoding="utf-8",
    )
    by_field: dict[str, list[str]] = {}
    for f in findings:
        fields = sorted({markers[m] for m in marker_list if m in f.what or m in f.output}) or ["(see output)"]
        for fid in fields:
            by_field.setdefault(fid, []).append(f"{f.output}: {f.what}")
    fields = ", ".join(sorted(by_field))
    assert not findings, f"{len(findings)} payloads came alive in {len(by_field)} fields: {fields}\n" + "\n".join(
        f"{fid}:\n  " + "\n  ".join(sorted(set(items))[:8]) for fid, items in by_field.items()
    )
    assert not list(workdir.iterdir()), f"the build created files: {list(workdir.iterdir())}"
    assert not list(ROOT.glob("kz*q*z")), "an evaluated payload created a directory in the repository"


def test_payloads_reach_most_fields(injected):
    """The test proves something only if the payloads fit: most free-text fields must take most classes."""
    _data, _site, report, _markers, _workdir = injected
    exercised = {f for f, classes in report.exercised.items() if classes}
    present = set(report.exercised) | set(report.refused)
    assert len(exercised) >= len(present) // 2, report.text()
    # Every field that takes free text takes the markup classes, and the template ones unless its pattern
    # refuses braces (commands, whose only braces are their placeholders).
    for field_id, classes in report.exercised.items():
        if len(classes) >= 4:
            assert {"html-tag", "markdown-link"} <= set(classes), (field_id, classes)
            why = report.refused.get(field_id, {}).get("jinja-expression", "")
            assert "jinja-expression" in classes or why.startswith("pattern"), (field_id, why)


def test_the_browser_builds_data_with_text_nodes_only():
    """The JSON the pages fetch (entries, the guide) is raw data; the scripts that show it must never
    parse it as HTML. A script that used one of these sinks would make every payload above live again."""
    sinks = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser", "createContextualFragment")
    for script in sorted((ROOT / "docs" / "js").glob("*.js")):
        text = script.read_text(encoding="utf-8")
        assert not [s for s in sinks if s in text], f"{script.name} uses an HTML sink"


def test_a_renderer_line_that_is_already_a_block_comes_back_as_its_html_not_as_a_token():
    """markdown() wraps HTML lines in block tokens; a line a renderer already made a block must not be
    wrapped twice (restore() would put back the inner token, and the build stops on it)."""
    from markdown import markdown as to_html

    from atlas.site.inert import block, markdown, restore

    page = restore(to_html(markdown(["## Cores needed", block('<form id="f"></form>'), "<p>after</p>"])))
    assert '<form id="f"></form>' in page and "<p>after</p>" in page and "atlasblock" not in page
