"""Shared fixtures: the real site built once per session, and fixture data trees."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
#: The seed articles: ../shared/seeds from the repository (CI puts shared/ beside the clone).
SEEDS = ROOT.parent / "shared" / "seeds"


def seeds() -> Path:
    """The seed articles' folder; a test that needs them is skipped, visibly, where they are not."""
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not at {SEEDS} (shared/ beside the repository)")
    return SEEDS


def build_site(dest: Path, data_dir: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into dest, optionally on another data tree. Raises on failure.

    The build runs in a working directory of its own (a fresh temporary one unless given), never the
    repository: the site goes to dest, and nothing a build could write lands among the sources."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    if data_dir is not None:
        env["ATLAS_DATA"] = str(data_dir)
    workdir = cwd or Path(tempfile.mkdtemp(prefix="atlas-build-"))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "--site-dir", str(dest)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@contextlib.contextmanager
def atlas_server(site_dir: Path):
    """`python -m atlas serve` on a free 127.0.0.1 port for site_dir; yields its base URL (no trailing /), stops it after."""
    from atlas.harness.served import serving

    with serving(site_dir) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind():
    """After the whole run, no process the runner started may still be alive."""
    yield
    from atlas.harness.runner import STARTED_GROUPS, group_members

    left = {pgid: group_members(pgid) for pgid in STARTED_GROUPS}
    left = {k: v for k, v in left.items() if v}
    assert not left, f"processes left behind (process group: pids): {left}"


@pytest.fixture(scope="session")
def services():
    """PostgreSQL, Redis and RabbitMQ for the whole session, each started on first use."""
    from atlas.harness.services import Services

    running = Services()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once from data/."""
    dest = tmp_path_factory.mktemp("site")
    build_site(dest)
    return dest


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The site built from tests/data/valid plus the injection data in tests/data/injection/."""
    data = tmp_path_factory.mktemp("fixture-data")
    shutil.copytree(TEST_DATA / "valid", data, dirs_exist_ok=True)
    shutil.copy(TEST_DATA / "injection" / "evil.yaml", data / "frameworks" / "evil.yaml")
    (data / "claims").mkdir()
    shutil.copy(TEST_DATA / "injection" / "claims-evil.yaml", data / "claims" / "claims-evil.yaml")
    shutil.copytree(ROOT / "data" / "tasks", data / "tasks")  # the site's pages link to the task pages
    dest = tmp_path_factory.mktemp("fixture-site")
    build_site(dest, data)
    return dest


@pytest.fixture
def data_tree(tmp_path) -> Path:
    """A copy of the small valid fixture tree, to add or break files in."""
    dest = tmp_path / "data"
    shutil.copytree(TEST_DATA / "valid", dest)
    return dest
