"""Each list the Atlas keeps has one home, and every consumer knows every member of it.

Kinds live in atlas.core.kinds (with the schema's enum), scenarios in the tasks' `benchmark`
blocks, step kinds in atlas.core.steps, claim rules in atlas.core.claims, export formats in
atlas.site.export. Adding a member is an edit in its home; these tests fail until every part
that must act on it does.
"""

from __future__ import annotations

import argparse

from atlas.core import claims, kinds
from atlas.core.catalog import DATA_DIR, DATA_KINDS, fact_groups, load_catalog
from atlas.core.schema import SCHEMA_DIR, load_schema
from atlas.core.snippets import BROKERS
from atlas.core.steps import STEP_KINDS, step_kind
from atlas.harness.bench.scenarios import scenarios_of
from atlas.harness.contract import CHECKS
from atlas.site import bench_tables, export, serve
from atlas.site.tasks_render import DESCRIBE
from tests.test_github import _form

CATALOG = load_catalog(DATA_DIR)


def test_kinds_agree_with_the_schema_and_every_kind_has_a_home_on_the_site():
    ids = [k.id for k in kinds.KINDS]
    assert load_schema("framework")["properties"]["kind"]["enum"] == ids
    assert {k.matrix for k in kinds.KINDS} == set(kinds.MATRICES)
    # every kind has its fact groups from the schema's if/then rules
    covered = {kind for _title, group_kinds, _specs in fact_groups().values() for kind in group_kinds}
    assert covered == set(ids)
    assert _form("add-framework")["kind"]["options"] == ids
    # every task names only known kinds
    for task in CATALOG.tasks.values():
        assert set(task.applies_to) <= set(ids), task.id


def test_every_scenario_has_a_benchmark_table_and_the_harness_knows_it():
    scenarios = list(CATALOG.scenarios)
    assert scenarios, "no task has a benchmark block"
    assert list(scenarios_of(CATALOG)) == scenarios
    run = CATALOG.latest_run
    tables = {t.id for t in bench_tables.bench_tables(CATALOG)}
    for scenario in run.scenarios:
        assert scenario in scenarios, f"run {run.id} measured '{scenario}', which no task's benchmark block names"
        assert f"benchmarks-{scenario}" in tables


def test_every_step_kind_is_in_the_schema_the_checker_and_the_task_pages():
    alternatives = load_schema("task")["$defs"]["step"]["oneOf"]
    assert tuple(alt["required"][0] for alt in alternatives) == STEP_KINDS
    assert tuple(CHECKS) == STEP_KINDS
    assert tuple(DESCRIBE) == STEP_KINDS
    used = {step_kind(step) for task in CATALOG.tasks.values() for step in task.steps}
    assert used <= set(STEP_KINDS)


def test_every_claim_rule_is_in_the_schema_and_the_evaluator():
    assert set(load_schema("claims")["$defs"]["check"]["properties"]) == set(claims._RULES)


def test_every_export_format_reaches_the_cli_the_downloads_and_the_server():
    parser = argparse.ArgumentParser()
    export.add_parser(parser.add_subparsers())
    choices = next(a.choices for a in parser._subparsers._group_actions[0].choices["export"]._actions if a.dest == "format")
    assert list(choices) == list(export.FORMATS)
    assert export.DOWNLOADS and all(f.extension for f in export.DOWNLOADS.values())
    for ext in export.DOWNLOADS:
        assert serve._DOWNLOAD.fullmatch(f"/downloads/x.{ext}"), ext
        assert f".{ext}" in serve.Handler.extensions_map


def test_brokers_agree_with_the_schema_and_the_benchmark_labels():
    schema = load_schema("framework")["properties"]["snippets"]["properties"]["brokers"]["additionalProperties"]["items"]
    assert tuple(schema["enum"]) == BROKERS
    assert set(BROKERS) <= set(bench_tables.BROKER_NAMES)


def test_every_data_folder_has_its_schema_and_every_data_schema_its_folder():
    assert {p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json")} == set(DATA_KINDS.values())
    assert {p.name for p in DATA_DIR.iterdir() if p.is_dir()} == set(DATA_KINDS)
