"""Every way a contribution can be wrong gives the contributor its file, line, field and fix."""

from __future__ import annotations

import json
import re
import shutil
import time
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from atlas.cli import main
from atlas.core.catalog import load_catalog
from atlas.core.schema import TEXT_RULES, load_schema, validate
from atlas.core.yamlsafe import DataError, load_yaml, quote

BAD = sorted((Path(__file__).parent / "data" / "bad").glob("*.yaml"))


def _expectation(path: Path) -> tuple[int | None, str, str]:
    for line in path.read_bytes().decode("utf-8", "replace").splitlines():
        if line.startswith("# expect:"):
            where, field, message = (part.strip() for part in line.removeprefix("# expect:").split("|", 2))
            return (None if where == "-" else int(where)), field, message
    raise AssertionError(f"{path.name} has no '# expect:' line")


def test_every_failure_mode_has_a_bad_file():
    names = {p.stem for p in BAD}
    assert {
        "malformed",
        "duplicate-key",
        "unknown-field",
        "unknown-fact",
        "wrong-type",
        "id-mismatch",
        "builds-on-unknown",
        "alias-bomb",
        "recursive-alias",
        "undefined-alias",
        "two-documents",
        "unknown-tag",
        "local-tag",
        "not-utf8",
        "control-character",
        "name-bidi",
        "name-invisible",
        "name-multiline",
        "command-multiline",
        "builds-on-bidi",
        "long-value",
    } <= names


@pytest.mark.parametrize("bad", BAD, ids=[p.stem for p in BAD])
def test_bad_file_is_rejected_with_its_precise_error(bad: Path, data_tree: Path):
    line, field, message = _expectation(bad)
    shutil.copy(bad, data_tree / "frameworks" / bad.name)
    with pytest.raises(DataError) as caught:
        load_catalog(data_tree)
    mine = [p for p in caught.value.problems if p.file.endswith(bad.name)]
    assert mine, f"no problem reported for {bad.name}: {caught.value}"
    assert any(p.line == line and (p.field or "(file)") == field and message in p.message for p in mine), (
        f"expected {bad.name}:{line}: {field}: ...{message}..., got:\n{caught.value}"
    )
    # The valid entries beside it are not blamed.
    assert all(p.file.endswith(bad.name) for p in caught.value.problems)


@pytest.mark.parametrize("bad", BAD, ids=[p.stem for p in BAD])
def test_check_prints_one_precise_line_per_bad_file(bad: Path, data_tree: Path, capsys):
    line, field, message = _expectation(bad)
    shutil.copy(bad, data_tree / "frameworks")
    assert main(["check", "--data", str(data_tree)]) == 1
    printed = capsys.readouterr().err.splitlines()
    assert printed[-1] == "1 problem(s) found", printed
    assert printed[0].startswith(f"{data_tree / 'frameworks' / bad.name}:{line}: {field}: "), printed
    assert message in printed[0]
    # Quoted values are cut, and no character that hides or reorders text reaches the terminal.
    assert len(printed[0]) < len(str(data_tree)) + 400
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in printed[0])


def test_error_text_is_file_line_field_message(data_tree: Path):
    shutil.copy(Path(__file__).parent / "data" / "bad" / "wrong-type.yaml", data_tree / "frameworks")
    with pytest.raises(DataError) as caught:
        load_catalog(data_tree)
    assert str(caught.value).endswith('wrong-type.yaml:61: facts.websockets.value: expected true or false, got "yes"')


def test_all_problems_are_reported_at_once(data_tree: Path):
    for name in ("wrong-type", "bad-kind", "builds-on-unknown"):
        shutil.copy(Path(__file__).parent / "data" / "bad" / f"{name}.yaml", data_tree / "frameworks")
    with pytest.raises(DataError) as caught:
        load_catalog(data_tree)
    assert {Path(p.file).stem for p in caught.value.problems} == {"wrong-type", "bad-kind", "builds-on-unknown"}


def test_alias_bomb_is_refused_quickly_and_without_memory():
    text = (Path(__file__).parent / "data" / "bad" / "alias-bomb.yaml").read_text()
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(DataError, match="aliases expand to"):
        load_yaml(text, "bomb.yaml")
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # Expanded, the document has over 10^8 nodes; refused, it costs what its text costs.
    assert peak < 5_000_000, peak
    assert elapsed < 2, elapsed


def test_small_aliases_are_still_allowed():
    assert load_yaml("a: &x [1, 2]\nb: *x\n", "ok.yaml").data == {"a": [1, 2], "b": [1, 2]}


def test_recursive_alias_is_refused():
    with pytest.raises(DataError, match="recursive alias"):
        load_yaml("a: &x [1, *x]\n", "loop.yaml")


def test_yaml_1_1_booleans_and_dates_stay_text():
    # `no` must not become False (the "Norway problem"); dates stay ISO strings for the schema.
    doc = load_yaml("country: no\nflag: true\nday: 2026-11-21\n", "x.yaml")
    assert doc.data == {"country": "no", "flag": True, "day": "2026-11-21"}


def test_empty_and_non_utf8_files_are_refused(data_tree: Path):
    (data_tree / "frameworks" / "empty.yaml").write_text("")
    (data_tree / "frameworks" / "latin.yaml").write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataError) as caught:
        load_catalog(data_tree)
    text = str(caught.value)
    assert "empty.yaml:1: (file): file is empty" in text
    assert "latin.yaml:1: (file): not UTF-8 text: byte 0xE9 at byte offset 9 (column 10)" in text


# --- Text rules --------------------------------------------------------------------------------

SCHEMAS = sorted((Path(__file__).parent.parent / "schemas").glob("*.schema.json"))


def test_every_schema_repeats_the_shared_text_rules_verbatim():
    defs = [json.loads(p.read_text())["$defs"] for p in SCHEMAS]
    for rule in TEXT_RULES:
        assert all(d[rule] == defs[0][rule] for d in defs), rule


def _refs(node: object, path: str = ""):
    if isinstance(node, dict):
        if "$ref" in node:
            yield path, node["$ref"].rsplit("/", 1)[1]
        for key, value in node.items():
            yield from _refs(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, f"{path}/{i}")


NAMES = {
    "framework": ["/properties/name", "/properties/highlights/items/properties/title"],
    "task": ["/properties/title", "/properties/requires_fact", "/$defs/step/properties/name", "/properties/env/propertyNames"],
    "claims": ["/properties/seed/properties/title", "/$defs/factCheck/properties/fact", "/$defs/ref/properties/fact"],
    "benchmark": ["/properties/repeat_of", "/$defs/setup/properties/server"],
    "python-versions": [],
}
LINES = {
    "framework": [
        "/$defs/command/allOf/0",
        "/$defs/commonFacts/properties/latest_version/properties/value/anyOf/0",
        "/$defs/commonFacts/properties/requires_python/properties/value/anyOf/0",
        "/$defs/commonFacts/properties/installable_version/properties/value/anyOf/0",
    ],
    "task": ["/$defs/request/properties/path", "/$defs/request/properties/headers/additionalProperties"],
    "claims": ["/$defs/factCheck/properties/contains/items"],
    "benchmark": ["/$defs/setup/properties/command", "/$defs/framework/properties/versions/additionalProperties"],
    "python-versions": ["/$defs/python/properties/implementation"],
}


@pytest.mark.parametrize("schema", sorted(NAMES))
def test_names_and_short_fields_use_the_text_rules(schema: str):
    refs = dict(_refs(load_schema(schema)))
    assert {path: refs.get(path) for path in NAMES[schema]} == dict.fromkeys(NAMES[schema], "name")
    assert {path: refs.get(path) for path in LINES[schema]} == dict.fromkeys(LINES[schema], "line")


#: Prose may hold what names may not (the renderer shows it escaped).
PROSE = "A summary long enough for the schema, with \u202e, \u200b and\na second line."


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Alpha\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE (bidirectional control, see CVE-2021-42574)"),
        ("\u2066Alpha\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE (bidirectional control, see CVE-2021-42574)"),
        ("Al\u200fpha", "U+200F RIGHT-TO-LEFT MARK (bidirectional control, see CVE-2021-42574)"),
        ("Al\u061cpha", "U+061C ARABIC LETTER MARK (bidirectional control, see CVE-2021-42574)"),
        ("Al\u200dpha", "U+200D ZERO WIDTH JOINER (invisible character)"),
        ("Al\u2060pha", "U+2060 WORD JOINER (invisible character)"),
        ("\ufeffAlpha", "U+FEFF ZERO WIDTH NO-BREAK SPACE (invisible character)"),
        ("Al\u00adpha", "U+00AD SOFT HYPHEN (invisible character)"),
        ("Alpha\u2028", "U+2028 LINE SEPARATOR (line break)"),
        ("Alpha\u2029", "U+2029 PARAGRAPH SEPARATOR (line break)"),
        ("Alpha\x85", "U+0085 NEXT LINE (line break)"),
        ("Alpha\r", "U+000D CARRIAGE RETURN (line break)"),
        ("Alpha\n", "U+000A LINE FEED (line break)"),
        ("Al\tpha", "U+0009 CHARACTER TABULATION (control character)"),
    ],
)
def test_a_name_refuses_line_breaks_bidi_controls_and_invisible_characters(value: str, shown: str):
    doc = load_yaml(Path(__file__).parent.joinpath("data", "valid", "frameworks", "alpha.yaml").read_text(), "alpha.yaml")
    doc.data["name"] = value
    doc.data["summary"] = PROSE
    problems = validate(doc, "framework", "alpha.yaml")
    assert [(p.field, p.message) for p in problems] == [("name", f"contains {shown}; names must be visible single-line text")]


def test_prose_and_ordinary_names_pass():
    doc = load_yaml(Path(__file__).parent.joinpath("data", "valid", "frameworks", "alpha.yaml").read_text(), "alpha.yaml")
    doc.data["name"] = "Ålpha — 日本語 (ünïcode) & <co>"
    doc.data["summary"] = PROSE
    assert validate(doc, "framework", "alpha.yaml") == []


def test_a_trailing_newline_is_not_one_line():
    # JSON Schema patterns are ECMA-262: `$` ends the text (Python's would allow a final "\n").
    doc = load_yaml("id: alpha\n", "x.yaml")
    for value in ("alpha\n", "alpha\u2028"):
        doc.data["id"] = value
        assert any(p.field == "id" for p in validate(doc, "framework", "x.yaml")), value


def test_quoted_values_are_cut_and_made_visible():
    assert quote("x" * 200) == '"' + "x" * 79 + '…"'
    assert quote("a\u202eb\u200bc") == '"a\\u202eb\\u200bc"'
    assert len(quote(list(range(100)))) == 80


# --- A rejected file does not cascade ------------------------------------------------------------


def test_a_rejected_file_reports_once_that_references_to_it_were_not_checked(data_tree: Path):
    data = Path(__file__).parent.parent / "data"
    frameworks = data_tree / "frameworks"
    # gamma (a server) is named by alpha's and beta's production_servers; beta builds on it too.
    beta = (frameworks / "beta.yaml").read_text()
    (frameworks / "beta.yaml").write_text(beta.replace("builds_on: [alpha]", "builds_on: [alpha, gamma]", 1))
    gamma = (frameworks / "gamma.yaml").read_text()
    (frameworks / "gamma.yaml").write_text(gamma.replace("kind: server\n", "kind: server\nbuilds_on: [oops\n", 1))
    # A task that alpha says it cannot do, rejected by the schema (its id is then unknown).
    (data_tree / "tasks").mkdir()
    task = (data / "tasks" / "hello-json.yaml").read_text()
    (data_tree / "tasks" / "hello-json.yaml").write_text(task.replace("order:", "colour: red\norder:", 1))
    alpha = (frameworks / "alpha.yaml").read_text()
    (frameworks / "alpha.yaml").write_text(
        alpha
        + "snippets:\n  server: gamma\n  command: gamma app:{module} --port {port}\n"
        + "  not_applicable:\n    hello-json: Alpha answers in XML only, never in JSON.\n"
    )
    # A claims file naming gamma too.
    (data_tree / "claims").mkdir()
    (data_tree / "claims" / "some.yaml").write_text(
        "id: some\nseed:\n  file: 000_0123456789abcdef.txt\n  about: An article used by the tests only.\n"
        "claims:\n  - id: one\n    quote: a quote\n    frameworks: [gamma]\n"
        "    check:\n      manual: {verdict: not-measurable, explanation: Nothing here can be measured at all.}\n"
        "    see: [{page: compare}]\n"
    )
    with pytest.raises(DataError) as caught:
        load_catalog(data_tree)
    shown = [str(p) for p in caught.value.problems]
    assert {Path(p.file).name for p in caught.value.problems} == {"gamma.yaml", "hello-json.yaml"}, shown
    gamma_lines = [s for s in shown if "gamma.yaml" in s]
    assert len(gamma_lines) == 2, shown  # its own syntax error, and one line for the references
    assert "malformed YAML" in gamma_lines[0]
    assert gamma_lines[1].endswith(
        "gamma.yaml:1: id: references to this file were not checked because it was rejected: 4 "
        f"({frameworks / 'alpha.yaml'}:95, {frameworks / 'beta.yaml'}:4, {frameworks / 'beta.yaml'}:96 and 1 more); "
        "they are checked again once its own errors above are fixed"
    ), gamma_lines[1]
    task_lines = [s for s in shown if "hello-json.yaml" in s]
    assert "hello-json.yaml:2: colour: unknown field 'colour'" in task_lines[0]
    assert task_lines[-1].endswith(
        "hello-json.yaml:1: id: references to this file were not checked because it was rejected: 1 "
        f"({frameworks / 'alpha.yaml'}:108); they are checked again once its own errors above are fixed"
    ), task_lines
    assert len(task_lines) == 2, task_lines


def test_every_make_target_an_error_names_exists():
    root = Path(__file__).parent.parent
    targets = set(re.findall(r"(?m)^([a-z][a-z-]*):", (root / "Makefile").read_text()))
    named = {
        target
        for folder in ("atlas", "hooks", "macros", "scripts")
        for path in (root / folder).rglob("*.py")
        for target in re.findall(r"`make ([a-z][a-z-]*)", path.read_text())
    }
    assert "assets" in named
    assert named <= targets, named - targets


def test_the_size_cap_depends_on_the_kind_and_names_itself():
    """Hand-written entries stop at 512 KiB; benchmark run files (every repeat of every point) at 2 MiB."""
    from atlas.core.yamlsafe import max_bytes

    big = "a: '" + "x" * (600 * 1024) + "'\n"
    with pytest.raises(DataError, match="larger than 512 KiB"):
        load_yaml(big, "entry.yaml", max_bytes("framework"))
    assert len(load_yaml(big, "run.yaml", max_bytes("benchmark")).data["a"]) == 600 * 1024
    with pytest.raises(DataError, match="larger than 2048 KiB"):
        load_yaml("a: '" + "x" * (2 * 1024 * 1024) + "'\n", "run.yaml", max_bytes("benchmark"))
