"""`refresh` on responses recorded from the index: derives the right values, from the release's own
METADATA where the index's summary disagrees with it, and edits YAML in place."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from atlas.cli import main
from atlas.cli.pypi import RecordedIndex, ReleaseMetadata, _wheel_rank, derive, read_release_metadata
from atlas.cli.refresh import MANAGED, refresh
from atlas.core.catalog import ROOT, load_catalog

PYPI = Path(__file__).parent / "data" / "pypi"
TODAY = dt.date(2026, 11, 21)


def _meta(name: str) -> dict:
    return json.loads((PYPI / f"{name}.json").read_text())


def _release(name: str, directory: Path = PYPI) -> ReleaseMetadata:
    index = RecordedIndex(directory)
    return read_release_metadata(index, index.project(name), "3.11")


def _derive(name: str, python: str = "3.11", meta: dict | None = None) -> dict:
    return derive(meta or _meta(name), python, _release(name))


@pytest.fixture
def tree(data_tree: Path) -> Path:
    """alpha is packaged as flask and beta as django, with a comment to keep."""
    alpha = data_tree / "frameworks" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("package: alpha", "package: flask  # the PyPI name"))
    beta = data_tree / "frameworks" / "beta.yaml"
    beta.write_text(beta.read_text().replace("package: beta", "package: django"))
    return data_tree


def test_derive_reads_the_metadata_as_a_reader_expects():
    django = _derive("django")
    assert django["latest_version"].value == "6.1.3"
    # Django 6 needs Python 3.12: on the tested 3.11 the newest stable release is 5.2.x.
    assert django["installable_version"].value == "5.2.9"
    assert django["requires_python"].value == ">=3.12"
    assert django["license"].value == "BSD-3-Clause"
    # tzdata is Windows-only and the extras are optional: two core dependencies.
    assert django["core_dependencies"].value == 2
    assert django["latest_release_date"].source == "https://pypi.org/project/Django/6.1.3/"
    flask = _derive("flask")
    # importlib-metadata only applies below 3.10; asgiref and python-dotenv are extras.
    assert flask["core_dependencies"].value == 6
    assert _derive("django", "3.12")["installable_version"].value == "6.1.3"


def test_facts_from_metadata_cite_the_file_read():
    """The index serves flask's METADATA as its own file (PEP 658), announced in the JSON API's
    file list: that file is the source. Version and date stay with the index's release page."""
    flask = _derive("flask")
    metadata = (
        "https://files.pythonhosted.org/packages/7f/9c/34f6962f9b9e9c71f6e5ed806e0d0ff03c9d1b0b2340088a0cf4bce09b18/"
        "flask-3.1.3-py3-none-any.whl.metadata"
    )
    for fid in ("requires_python", "license", "core_dependencies"):
        assert flask[fid].source == metadata, fid
    assert flask["latest_version"].source == "https://pypi.org/project/Flask/3.1.3/"


def test_metadata_wins_over_the_index_summary_and_the_wheel_is_read_when_no_metadata_file_is_served():
    """FastAPI 0.165.0 as the index served it on 2026-12-03: its JSON summary says `>=3.10` and
    leaves anyio out, the wheel's METADATA (what pip obeys) says `>=3.11` with 7 core
    dependencies, and no per-file metadata is announced, so the wheel itself is read."""
    meta = _meta("fastapi")
    assert meta["info"]["requires_python"] == ">=3.10"  # the summary, as recorded
    fastapi = _derive("fastapi")
    wheel = (
        "https://files.pythonhosted.org/packages/c4/c1/3b74c030262a1b38b1fee180f80b4007bbc11c9ac12028cb18c7bcecaec9/"
        "fastapi-0.165.0-py3-none-any.whl"
    )
    assert fastapi["requires_python"].value == ">=3.11"
    assert fastapi["requires_python"].source == wheel
    assert "summary says >=3.10" in fastapi["requires_python"].detail
    assert fastapi["core_dependencies"].value == 7
    assert fastapi["core_dependencies"].detail == (
        "Requires annotated-doc, anyio, opentelemetry-api, pydantic, starlette, typing-extensions, typing-inspection "
        "(the index's JSON summary omits anyio)."
    )
    assert (fastapi["license"].value, fastapi["license"].source) == ("MIT", wheel)


def test_a_file_that_differs_from_the_index_hash_is_refused(tmp_path: Path):
    shutil.copytree(PYPI, tmp_path, dirs_exist_ok=True)
    wheel = tmp_path / "files" / "fastapi-0.165.0-py3-none-any.whl"
    body = bytearray(wheel.read_bytes())
    body[1000] ^= 0xFF  # one byte of the release changed on the way
    wheel.write_bytes(bytes(body))
    with pytest.raises(ValueError, match="sha256 differs"):
        _release("fastapi", tmp_path)


def test_an_announced_metadata_file_the_index_does_not_serve_falls_back_to_the_wheel(tmp_path: Path):
    """Seen on the index for aiohttp 3.14.5: `core-metadata` announced, `.metadata` answers 404."""
    shutil.copytree(PYPI, tmp_path, dirs_exist_ok=True)
    simple = json.loads((tmp_path / "fastapi.simple.json").read_text())
    simple["files"][0]["core-metadata"] = {"sha256": "0" * 64}
    (tmp_path / "fastapi.simple.json").write_text(json.dumps(simple))
    assert _release("fastapi", tmp_path).url.endswith("fastapi-0.165.0-py3-none-any.whl")


def test_the_wheel_read_is_pure_python_else_the_tested_cpython_on_linux():
    names = [  # granian 2.8.9 (none pure), as the index lists them
        "granian-2.8.9-cp310-cp310-macosx_10_12_x86_64.whl",
        "granian-2.8.9-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
        "granian-2.8.9-cp311-cp311-macosx_11_0_arm64.whl",
    ]
    assert min(names, key=lambda n: _wheel_rank(n, "3.11")) == names[1]
    assert min([*names, "granian-2.8.9-py3-none-any.whl"], key=lambda n: _wheel_rank(n, "3.11")).endswith("none-any.whl")


def test_a_dependency_listed_under_several_markers_counts_once():
    lines = ["eventlet>=0.20.1", 'eventlet>=0.33; python_version >= "3.10"', "Kombu>=4", "kombu>=5", 'x; extra == "y"']
    text = b"Metadata-Version: 2.1\nName: Flask\nVersion: 3.1.3\n" + b"".join(f"Requires-Dist: {r}\n".encode() for r in lines)
    assert derive(_meta("flask"), "3.11", ReleaseMetadata(text, "https://example.org/x"))["core_dependencies"].value == 2


def test_prereleases_are_never_the_installable_version():
    meta = _meta("django")
    meta["releases"]["9.0a1"] = [
        {"filename": "x", "upload_time_iso_8601": "2026-11-01T00:00:00Z", "requires_python": ">=3.8", "yanked": False}
    ]
    assert _derive("django", meta=meta)["installable_version"].value == "5.2.9"


def test_yanked_releases_are_skipped():
    meta = _meta("django")
    for f in meta["releases"]["5.2.9"]:
        f["yanked"] = True
    assert _derive("django", meta=meta)["installable_version"].value == "5.2.8"


def test_check_lists_without_writing_then_write_fixes(tree: Path):
    before = {p.name: p.read_text() for p in (tree / "frameworks").glob("*.yaml")}
    changes = refresh(tree, write=False, python="3.11", metadata_dir=PYPI, today=TODAY, only=["alpha", "beta"])
    assert {(c.entry, c.fact) for c in changes} >= {("alpha", "latest_version"), ("beta", "installable_version")}
    assert before == {p.name: p.read_text() for p in (tree / "frameworks").glob("*.yaml")}

    refresh(tree, write=True, python="3.11", metadata_dir=PYPI, today=TODAY, only=["alpha", "beta"])
    catalog = load_catalog(tree, today=TODAY)
    assert catalog["beta"].facts["latest_version"].value == "6.1.3"
    assert catalog["beta"].facts["installable_version"].value == "5.2.9"
    assert catalog["beta"].facts["latest_version"].verified == TODAY
    assert catalog["alpha"].facts["latest_release_date"].value == "2026-02-19"
    assert refresh(tree, write=False, python="3.11", metadata_dir=PYPI, today=TODAY, only=["alpha", "beta"]) == []


def test_write_keeps_comments_order_and_untouched_lines(tree: Path):
    path = tree / "frameworks" / "alpha.yaml"
    before = path.read_text()
    refresh(tree, write=True, python="3.11", metadata_dir=PYPI, today=TODAY, only=["alpha"])
    after = path.read_text()
    assert "package: flask  # the PyPI name" in after
    keys = lambda text: re.findall(r"^  (\w+):$", text, flags=re.M)  # noqa: E731
    assert keys(before) == keys(after)
    # Only the managed facts' blocks changed: everything from first_release on is identical.
    assert before[before.index("  first_release:") :] == after[after.index("  first_release:") :]
    assert "&id" not in after and "*id" not in after


def test_missing_facts_are_added_in_schema_order(tree: Path):
    path = tree / "frameworks" / "beta.yaml"
    text = path.read_text()
    for fid in MANAGED:
        text = re.sub(rf"  {fid}:\n(    .*\n)+?(?=  \w)", "", text, count=1)
    path.write_text(text)
    refresh(tree, write=True, python="3.11", metadata_dir=PYPI, today=TODAY, only=["beta"])
    after = re.findall(r"^  (\w+):$", path.read_text(), flags=re.M)
    assert after[: len(MANAGED)] == list(MANAGED)


def test_a_sourced_manual_value_stands_when_metadata_is_silent(tree: Path, tmp_path: Path):
    index = tmp_path / "index"
    shutil.copytree(PYPI, index)
    metadata = index / "files" / "flask-3.1.3-py3-none-any.whl.metadata"
    text = metadata.read_bytes().replace(  # which BSD? not said
        b"License-Expression: BSD-3-Clause\n", b"Classifier: License :: OSI Approved :: BSD License\n"
    )
    metadata.write_bytes(text)
    meta = json.loads((index / "flask.json").read_text())
    for f in meta["releases"]["3.1.3"]:
        if f["filename"].endswith(".whl"):
            f["core-metadata"] = {"sha256": hashlib.sha256(text).hexdigest()}  # as the index would announce it
    (index / "flask.json").write_text(json.dumps(meta))
    path = tree / "frameworks" / "alpha.yaml"
    path.write_text(
        path.read_text().replace(
            "  license:\n    value: MIT\n    source: https://example.org/docs/page",
            "  license:\n    value: BSD-3-Clause\n    source: https://github.com/pallets/flask/blob/main/LICENSE.txt",
        )
    )
    refresh(tree, write=True, python="3.11", metadata_dir=index, today=TODAY, only=["alpha"])
    license_ = load_catalog(tree, today=TODAY)["alpha"].facts["license"]
    assert (license_.value, license_.source) == ("BSD-3-Clause", "https://github.com/pallets/flask/blob/main/LICENSE.txt")


def test_cli_check_exit_codes(tree: Path, capsys):
    args = ["refresh", "alpha", "--check", "--data", str(tree), "--metadata", str(PYPI), "--python", "3.11"]
    assert main(args) == 1
    assert "alpha: latest_version: out of date ('1.2.0' -> '3.1.3')" in capsys.readouterr().out
    assert main(["refresh", "alpha", "--data", str(tree), "--metadata", str(PYPI), "--python", "3.11"]) == 0
    assert main(args) == 0
    assert "all metadata facts up to date" in capsys.readouterr().out


# FastAPI's managed facts in data/frameworks/fastapi.yaml, before and after the correction.
WHEEL = (
    "https://files.pythonhosted.org/packages/c4/c1/3b74c030262a1b38b1fee180f80b4007bbc11c9ac12028cb18c7bcecaec9/"
    "fastapi-0.165.0-py3-none-any.whl"
)
PAGE = "https://pypi.org/project/fastapi/0.165.0/"


def _fact(fid: str, value: str, source: str, verified: str, detail: str | None = None) -> str:
    return (
        f"  {fid}:\n    value: {value}\n"
        + (f"    detail: {detail}\n" if detail else "")
        + (f"    source: {source}\n    verified: {verified}\n")
    )


def _managed(source: str, verified: str, requires_python: tuple, core: tuple) -> str:
    """The six managed facts; version, date and installable version as the index gives them."""
    return (
        _fact("license", "MIT", source, verified, "From the package's License-Expression field.")
        + _fact("latest_version", "0.165.0", PAGE, "2026-11-21")
        + _fact("latest_release_date", "2026-11-18", PAGE, "2026-11-21")
        + _fact("requires_python", *requires_python[:1], source, verified, *requires_python[1:])
        + _fact(
            "installable_version",
            "0.165.0",
            PAGE,
            "2026-11-21",
            "Newest stable release whose Requires-Python admits CPython 3.11.",
        )
        + _fact("core_dependencies", *core[:1], source, verified, *core[1:])
    )


#: As refresh wrote them when it read the index's JSON summary (before commit eaf9c90).
FROM_SUMMARY = _managed(
    PAGE,
    "2026-11-21",
    ("'>=3.10'",),
    ("6", "Requires annotated-doc, opentelemetry-api, pydantic, starlette, typing-extensions, typing-inspection."),
)
#: As corrected from the wheel's METADATA, citing it.
CORRECTED = _managed(
    WHEEL,
    "2026-12-03",
    ("'>=3.11'", "From the release's METADATA; the index's JSON summary says >=3.10, but pip obeys the METADATA."),
    (
        "7",
        "Requires annotated-doc, anyio, opentelemetry-api, pydantic, starlette, typing-extensions, typing-inspection "
        "(the index's JSON summary omits anyio).",
    ),
)


def _gamma_as_fastapi(tree: Path, managed: str) -> None:
    path = tree / "frameworks" / "gamma.yaml"
    text = path.read_text().replace("package: gamma", "package: fastapi")
    start, end = text.index("facts:\n") + len("facts:\n"), text.index("  first_release:")
    path.write_text(text[:start] + managed + text[end:])


def test_check_flags_summary_values_that_differ_from_metadata_and_passes_on_the_corrected_data(tree: Path):
    checked = dt.date(2026, 12, 3)
    _gamma_as_fastapi(tree, FROM_SUMMARY)
    changes = refresh(tree, write=False, python="3.11", metadata_dir=PYPI, today=checked, only=["gamma"])
    flagged = {str(c) for c in changes}
    assert "gamma: requires_python: out of date ('>=3.10' -> '>=3.11')" in flagged
    assert "gamma: core_dependencies: out of date (6 -> 7)" in flagged

    _gamma_as_fastapi(tree, CORRECTED)
    load_catalog(tree, today=checked)  # the corrected facts are valid data
    assert refresh(tree, write=False, python="3.11", metadata_dir=PYPI, today=checked, only=["gamma"]) == []


# --- after a refresh: the entries whose snippet pins fell behind ------------------------------------


@pytest.fixture
def repo_tree(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the real data/ and snippets/, with every pin of an entry's package set to that
    entry's installable_version: nothing behind to start with."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "snippets", tmp_path / "snippets")
    catalog = load_catalog(tmp_path / "data")
    installable = {e.package.lower(): str(e.facts["installable_version"].value) for e in catalog}
    for requirements in (tmp_path / "snippets").glob("*/requirements.txt"):
        text = re.sub(
            r"(?m)^([A-Za-z0-9._-]+)(\[[^\]]*\])?==\S+",
            lambda m: f"{m[1]}{m[2] or ''}=={installable[m[1].lower()]}" if m[1].lower() in installable else m[0],
            requirements.read_text(),
        )
        requirements.write_text(text)
    return tmp_path / "data", tmp_path / "snippets"


def _outdated(data: Path, snippets: Path, *flags: str) -> int:
    return main(["snippets", "outdated", *flags, "--data", str(data), "--snippets", str(snippets)])


def _pin(snippets: Path, entry: str, package: str, version: str) -> None:
    path = snippets / entry / "requirements.txt"
    path.write_text(re.sub(rf"(?m)^({re.escape(package)}(\[[^\]]*\])?)==\S+", rf"\g<1>=={version}", path.read_text()))


def test_outdated_lists_the_entries_whose_pins_are_below_the_installable_version(repo_tree, capsys):
    data, snippets = repo_tree
    assert _outdated(data, snippets, "--ids") == 0
    assert capsys.readouterr().out == ""  # every pin at its installable version; django's 5.2.x is not behind 6.x
    catalog = load_catalog(data)
    uvicorn, celery = (str(catalog[i].facts["installable_version"].value) for i in ("uvicorn", "celery"))
    _pin(snippets, "fastapi", "uvicorn", "0.1.0")  # the server a framework's snippets run under
    _pin(snippets, "celery", "celery", "5.0.0")  # the entry's own package, with an extra: celery[redis]
    _pin(snippets, "celery", "gunicorn", "99.0")  # newer than the data knows: not behind
    _pin(snippets, "fastapi", "pyjwt", "1.0.0")  # not an entry: no version to compare with
    assert _outdated(data, snippets, "--ids") == 0
    assert capsys.readouterr().out.split() == ["celery", "fastapi"]
    _outdated(data, snippets)
    out = capsys.readouterr().out
    assert f"fastapi: pins uvicorn 0.1.0 -> {uvicorn} (" in out and "2 pin(s) behind" in out

    assert _outdated(data, snippets, "--bump") == 0
    assert f"celery[redis]=={celery}\n" in (snippets / "celery" / "requirements.txt").read_text()
    assert f"uvicorn=={uvicorn}\n" in (snippets / "fastapi" / "requirements.txt").read_text()
    assert "pyjwt==1.0.0\n" in (snippets / "fastapi" / "requirements.txt").read_text()
    capsys.readouterr()
    _outdated(data, snippets, "--ids")
    assert capsys.readouterr().out == ""
