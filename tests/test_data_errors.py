"""Every way a contribution can be wrong gives the contributor its file, line, field and fix."""

from __future__ import annotations

import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from atlas.catalog import load_catalog
from atlas.yamlsafe import DataError, load_yaml

BAD = sorted((Path(__file__).parent / "data" / "bad").glob("*.yaml"))


def _expectation(path: Path) -> tuple[int | None, str, str]:
    for line in path.read_text().splitlines():
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
    assert "latin.yaml: (file): not UTF-8 text" in text
