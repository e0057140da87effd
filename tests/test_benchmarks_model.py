"""The typed benchmark model reads every committed run and writes it back unchanged."""

from __future__ import annotations

import yaml

from atlas.core.benchmarks import load_run, run_to_data, write_run
from atlas.core.catalog import DATA_DIR


def test_every_committed_run_reads_and_writes_back_unchanged(tmp_path):
    runs = sorted((DATA_DIR / "benchmarks").glob("*.yaml"))
    assert runs
    for path in runs:
        run = load_run(path)
        assert run_to_data(run) == yaml.safe_load(path.read_text()), path.name
        out = tmp_path / path.name
        write_run(run, out)
        assert load_run(out) == run, path.name
