"""Versioned releases: `mike deploy` of two versions into a throwaway git repository, then both served.

The repository is a copy of the site's sources (the data and the atlas package are read from
this checkout, as in any build). Nothing is pushed: mike only commits to the copy's gh-pages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from io import BytesIO
from pathlib import Path

import pytest

from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.site.tables import snapshot_date
from tests.conftest import ROOT, atlas_server
from tests.htmlscan import Page

SOURCES = ("mkdocs.yml", "docs", "hooks", "macros", "overrides", "snippets")
ENV = os.environ | {
    "NO_MKDOCS_2_WARNING": "1",
    "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",  # mike runs `mkdocs build`
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _run(*cmd: str, cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, timeout=300)
    assert proc.returncode == 0, f"{' '.join(cmd)}:\n{proc.stdout.decode()}\n{proc.stderr.decode()}"
    return proc


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> Path:
    """Two releases, 2026.10 then 2026.11 (which takes the `latest` alias), extracted from gh-pages."""
    repo = tmp_path_factory.mktemp("release-repo")
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=shutil.ignore_patterns("__pycache__", ".envs"))
        else:
            shutil.copy(src, repo / name)
    _run("git", "init", "--quiet", "--initial-branch", "main", cwd=repo)
    _run("git", "config", "user.name", "Atlas test", cwd=repo)
    _run("git", "config", "user.email", "atlas-test@example.org", cwd=repo)
    _run("git", "add", "-A", cwd=repo)
    _run("git", "commit", "--quiet", "-m", "sources", cwd=repo)
    mike = (str(Path(sys.executable).parent / "mike"),)
    _run(*mike, "deploy", "--update-aliases", "2026.10", "latest", cwd=repo)
    _run(*mike, "deploy", "--update-aliases", "2026.11", "latest", cwd=repo)
    _run(*mike, "set-default", "latest", cwd=repo)
    out = tmp_path_factory.mktemp("gh-pages")
    archive = _run("git", "archive", "--format", "tar", "gh-pages", cwd=repo).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(out, filter="data")
    return out


def test_versions_json_lists_both_releases_with_latest_on_the_newest(deployed: Path):
    versions = json.loads((deployed / "versions.json").read_text())
    assert versions == [
        {"version": "2026.11", "title": "2026.11", "aliases": ["latest"]},
        {"version": "2026.10", "title": "2026.10", "aliases": []},
    ]


@pytest.fixture(scope="module")
def served(deployed: Path):
    with atlas_server(deployed) as url:
        yield url


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        assert r.status == 200
        return r.read().decode("utf-8")


@pytest.mark.parametrize(("path", "version"), [("2026.10/", "2026.10"), ("2026.11/", "2026.11"), ("latest/", "2026.11")])
def test_each_version_serves_and_names_itself_and_its_data_snapshot(served: str, path: str, version: str):
    html = _get(f"{served}/{path}")
    text = " ".join(" ".join(Page(html).text).split())
    snapshot = snapshot_date(load_catalog(DATA_DIR)).isoformat()
    assert f"Version {version} · data snapshot {snapshot}" in text
    assert '"version": {"default": "latest", "provider": "mike"}' in html  # Material's header version selector
    # Its embeds and downloads were deployed with it.
    assert "<table" in _get(f"{served}/{path}embed/features-web/")
    assert _get(f"{served}/{path}downloads/features-web.csv").startswith("id,Name,")


def test_the_root_sends_readers_to_latest(served: str):
    assert "latest/" in _get(f"{served}/")
    assert json.loads(_get(f"{served}/versions.json"))[0]["aliases"] == ["latest"]
