"""The benchmark rules that decide what a reader is told, on inputs made to test them: the rank-band
rule, CPU time per request, the interleaved order and the shard split, merging shards measured on
different machines, and the flagging of error points in every table, export, chart and claim."""

from __future__ import annotations

import copy
import csv
import io
import itertools

import pytest
import yaml

from atlas.core import benchmarks as bm
from atlas.core import stats
from atlas.core.catalog import load_catalog_once
from atlas.core.schema import validate
from atlas.core.yamlsafe import load_yaml
from atlas.harness.bench import aggregate, plan
from atlas.harness.bench.merge import MergeError, merge
from atlas.site import charts
from atlas.site.bench_tables import scenario_table
from atlas.site.export import FORMATS

CATALOG = load_catalog_once()


# --- the noise rule ---------------------------------------------------------------------------


def _f(median: float, low: float, high: float) -> stats.Figure:
    return stats.Figure(median, low, high)


def test_rank_bands_share_a_rank_inside_the_noise_and_never_chain():
    figures = {
        "a": _f(10_000, 9_800, 10_200),
        "b": _f(9_900, 9_700, 10_100),  # overlaps a: same band
        "c": _f(9_300, 9_250, 9_350),  # 7 % under a and apart from it: a new band...
        "d": _f(9_000, 8_700, 9_260),  # ...which d joins (overlaps c), though d is 10 % under a
        "e": _f(5_000, 4_900, 5_100),
    }
    ranked = stats.bands(list(figures), figures.get)
    assert ranked == [("a", 1), ("b", 1), ("c", 3), ("d", 3), ("e", 5)]
    assert [stats.band_label(r, [x[1] for x in ranked]) for _, r in ranked] == ["=1", "=1", "=3", "=3", "5"]
    # a chain of small steps is not one band: z overlaps y and y overlaps x, but z is clearly under x
    chain = {"x": _f(10_000, 9_800, 10_200), "y": _f(9_600, 9_400, 9_850), "z": _f(9_200, 9_000, 9_450)}
    assert stats.bands(list(chain), chain.get) == [("x", 1), ("y", 1), ("z", 3)]


def test_medians_within_five_percent_tie_even_when_intervals_are_apart():
    assert stats.compare(_f(1_040, 1_039, 1_041), _f(1_000, 999, 1_001)) == "tie"
    assert stats.compare(_f(1_100, 1_090, 1_110), _f(1_000, 990, 1_010)) == "a"
    assert stats.compare(_f(1_000, 900, 1_100), _f(1_200, 1_050, 1_300)) == "tie"  # overlapping intervals


def test_the_interval_is_the_min_max_of_few_repeats_and_a_bootstrap_of_many():
    few = stats.interval([100, 120, 90])
    assert (few.low, few.high, few.method) == (90, 120, "min-max")
    many = stats.interval([100, 101, 99, 100, 102, 98, 100, 60])
    assert many.method == "bootstrap-95" and 60 <= many.low <= 100 <= many.high <= 102
    assert stats.interval([100, 101, 99, 100, 102, 98, 100, 60]) == many  # seeded: the same every build


# --- CPU time per request, and a point from its repeats ---------------------------------------


def _repeat(rps: float, requests: int, cpu: float, errors: int = 0) -> dict:
    return {
        "rps": rps,
        "requests": requests,
        "latency_ms": {"p50": 1.0, "p90": 2.0, "p99": 3.0, "p999": 4.0, "max": 5.0, "mean": 1.2},
        "errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0, "non_2xx_3xx": errors},
        "server_cpu_percent": 99.0,
        "peak_rss_mb": 40.0,
        "cpu_seconds": cpu,
    }


def test_us_per_request_is_server_cpu_time_over_completed_requests():
    assert aggregate.us_per_request(2.0, 10_000) == 200.0
    assert aggregate.us_per_request(2.0, 0) is None  # nothing completed: no cost to state
    point = aggregate.point(64, [_repeat(5_000, 10_000, 1.9), _repeat(5_100, 10_200, 2.04), _repeat(4_900, 9_800, 2.0)])
    assert point["cpu_us_per_request"] == 200.0  # the median of 190, 200 and 204.1
    assert point["rps"]["runs"] == [5_000, 5_100, 4_900] and point["rps"]["median"] == 5_000
    assert (point["rps"]["low"], point["rps"]["high"], point["rps"]["spread"]) == (4_900, 5_100, "across-repeats")
    assert point["has_errors"] is False


def test_a_repeat_with_errors_or_no_answers_flags_the_point():
    assert aggregate.point(64, [_repeat(5_000, 10_000, 2), _repeat(5_000, 10_000, 2, errors=3)])["has_errors"]
    assert aggregate.point(64, [_repeat(5_000, 10_000, 2), _repeat(0, 0, 0.1)])["has_errors"]


# --- order and shards -------------------------------------------------------------------------


def test_repeats_are_interleaved_never_back_to_back_and_shards_split_deterministically():
    items = [plan.Item(f, s) for f in ("flask", "falcon", "django") for s in ("as-deployed", "common")]
    visits = plan.schedule(items, "2026-12-03", 1, 3)
    assert len(visits) == 18 and all(visits.count(v) == 1 for v in visits)
    assert all(a[1] != b[1] for a, b in itertools.pairwise(visits))
    assert plan.schedule(items, "2026-12-03", 1, 3) == visits  # seeded: every machine agrees
    keys = [i.key for i in items]
    parts = [plan.split(keys, k, 4) for k in (1, 2, 3, 4)]
    assert sorted(k for part in parts for k in part) == sorted(keys)  # every item once, in one shard
    with pytest.raises(ValueError, match="K/N with 1 <= K <= N"):
        plan.parse_shard("5/4")


# --- merging shards ---------------------------------------------------------------------------


def _shard(k: int, n: int, fid: str, rps: float, ref: float, cpu: str = "EPYC") -> dict:
    summary = {"median": rps, "min": rps, "max": rps, "cv": 0.0, "runs": [rps], "low": rps, "high": rps}
    point = {
        "concurrency": 64,
        "rps": summary,
        "latency_ms": {"p50": 1, "p90": 1, "p99": 1, "p999": 1, "max": 1, "mean": 1},
        "errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0, "non_2xx_3xx": 0},
        "has_errors": False,
        "cpu_us_per_request": 100.0,
    }
    prov = {
        "date": f"2026-12-0{k}T00:00:00+00:00", "cpu_model": cpu, "cores": 2, "kernel": "6.1", "python": "3.11.7",
        "harness_commit": "0" * 40, "server_cpus": "0", "load_cpus": "1",
        "load_generator": {"name": "wrk", "version": "4.1", "threads": 1, "keep_alive": True},
        "ceiling_server": {"name": "nginx", "version": "1.22", "workers": 1},
    }  # fmt: skip
    setup = {"kind": "common", "server": "granian", "worker_class": "wsgi", "workers": 1, "command": "granian",
             "scenarios": {"hello-json": {"measured": True, "contract": "passed", "points": [point]}}}  # fmt: skip
    fw = {"versions": {}, "distributions": 1, "env_size_mb": 1.0, "import_module": None, "import_ms": None,
          "cold_start_ms": summary, "setups": {"common": setup}}  # fmt: skip
    ref_summary = dict(summary, median=ref, runs=[ref])
    return {
        "id": f"2026-12-03-shard-{k}-of-{n}",
        "kind": "shard",
        "provenance": prov,
        "parameters": {"concurrency": {"hello-json": [64]}, "warmup": 1, "seconds": 2, "scenarios": ["hello-json"], "workers": 1},
        "ceiling": {"points": [point]},
        "frameworks": {fid: fw},
        "shards": [
            {
                "index": k, "count": n, "provenance": prov, "wall_seconds": 60.0, "items": [f"{fid}@common"],
                "fingerprint": {"cpu_model": cpu, "cores": "2", "governor": "x", "kernel": "6.1"},
                "calibration": {"reference": "starlette@common", "reference_rps": ref_summary, "drift": 0.01, "ceiling_rps": 1},
            }
        ],
    }  # fmt: skip


def test_merging_shards_from_two_machines_puts_the_second_on_the_first_ones_scale():
    one = _shard(1, 2, "flask", 3_000, ref=6_000)
    two = _shard(2, 2, "falcon", 2_000, ref=4_000, cpu="Xeon")  # a machine two thirds as fast
    run = merge([("b.yaml", two), ("a.yaml", one)])
    assert run["id"] == "2026-12-03" and run["kind"] == "full"
    assert [s["index"] for s in run["shards"]] == [1, 2] and [s["scale"] for s in run["shards"]] == [1.0, 1.5]
    falcon = run["frameworks"]["falcon"]["setups"]["common"]["scenarios"]["hello-json"]["points"][0]
    assert falcon["rps"]["median"] == 3_000 and falcon["rps"]["runs"] == [3_000]
    assert falcon["cpu_us_per_request"] == pytest.approx(66.7, abs=0.1)
    assert run["frameworks"]["flask"]["setups"]["common"]["scenarios"]["hello-json"]["points"][0]["rps"]["median"] == 3_000
    bm.run_from_data(run)  # the typed model reads the merged run, and it is a valid run file
    assert validate(load_yaml(yaml.safe_dump(run), "merged.yaml"), "benchmark", "merged.yaml") == []


def test_merging_refuses_what_would_mix_two_runs():
    one, two = _shard(1, 2, "flask", 3_000, 6_000), _shard(2, 2, "falcon", 2_000, 6_000)
    with pytest.raises(MergeError, match=r"shard\(s\) 2 of 2 missing"):
        merge([("a.yaml", one)])
    assert merge([("a.yaml", one)], allow_missing=True)["provenance"]["missing_shards"] == [2]
    with pytest.raises(MergeError, match=r"b\.yaml: shard 1 of 2 is also in a\.yaml"):
        merge([("a.yaml", one), ("b.yaml", copy.deepcopy(one))])
    clash = _shard(2, 2, "flask", 2_000, 6_000)
    with pytest.raises(MergeError, match="flask@common was measured in another shard too"):
        merge([("a.yaml", one), ("b.yaml", clash)])
    other = dict(two, parameters={**two["parameters"], "seconds": 1})
    with pytest.raises(MergeError, match=r"b\.yaml: parameters differ from a\.yaml.s"):
        merge([("a.yaml", one), ("b.yaml", other)])


def test_merging_keeps_one_queue_measured_on_different_brokers_in_different_shards():
    """Shards split task queues by (queue, broker): Celery on RabbitMQ in one, on Redis in another."""
    one, two = _shard(1, 2, "flask", 3_000, 6_000), _shard(2, 2, "falcon", 2_000, 6_000)
    one["queues"] = {"celery": {"rabbitmq": {"measured": False, "reason": "r"}}}
    two["queues"] = {"celery": {"redis": {"measured": False, "reason": "r"}}}
    assert set(merge([("a.yaml", one), ("b.yaml", two)])["queues"]["celery"]) == {"rabbitmq", "redis"}
    two["queues"] = {"celery": {"rabbitmq": {"measured": False, "reason": "r"}}}
    with pytest.raises(MergeError, match=r"b\.yaml: queues\.celery\.rabbitmq was measured in another shard too"):
        merge([("a.yaml", one), ("b.yaml", two)])


# --- error points are flagged wherever they appear ---------------------------------------------


def _with_failure():
    """The committed run with one framework's hello-json points turned into answers that were all errors."""
    import dataclasses

    run = CATALOG.latest_run
    fid = next(iter(run.measured("hello-json")))
    fw = run.frameworks[fid]
    kind = fw.lead.kind
    sc = fw.setups[kind].scenarios["hello-json"]
    broken = dataclasses.replace(
        sc, points=[dataclasses.replace(p, has_errors=True, errors=bm.Errors(non_2xx_3xx=99)) for p in sc.points]
    )
    setup = dataclasses.replace(fw.setups[kind], scenarios={**fw.setups[kind].scenarios, "hello-json": broken})
    frameworks = {**run.frameworks, fid: dataclasses.replace(fw, setups={**fw.setups, kind: setup})}
    return dataclasses.replace(run, frameworks=frameworks), f"{fid}@{kind}"


def test_an_error_point_is_flagged_in_the_table_its_exports_and_its_chart_and_never_ranked():
    run, row_id = _with_failure()
    table = scenario_table(CATALOG, run, "hello-json")
    row = next(r for r in table.rows if r.id == row_id)
    assert row.cells["rps"].flag == "errors" and row.cells["band"].text == "unranked"
    csv_text = FORMATS["csv"].write(table)
    (line,) = [x for x in csv.reader(io.StringIO(csv_text)) if x and x[0] == row.id]
    assert any(cell.endswith("(errors)") for cell in line), line
    figure = charts.bars(table, {"rps": "requests/s"}, "t", "y")
    labels = [x for trace in figure["data"] for x in trace["x"]]
    assert any(row.name in label and "errors" in label for label in labels), labels


def test_a_shard_file_is_never_the_run_the_site_shows(tmp_path):
    """Shards land one by one (a session, a runner); until `bench merge` joins them, the site keeps
    showing the newest whole run."""
    import shutil

    from atlas.core.catalog import DATA_DIR, load_catalog

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    shard = _shard(1, 4, "flask", 3_000, 6_000)
    shard["id"] = "2099-01-01-shard-1-of-4"
    shard["parameters"] = {
        "concurrency": {"hello-json": [64]},
        "warmup": 1,
        "seconds": 2,
        "scenarios": ["hello-json"],
        "workers": 1,
    }
    (data / "benchmarks" / "2099-01-01-shard-1-of-4.yaml").write_text(yaml.safe_dump(shard))
    catalog = load_catalog(data)
    assert "2099-01-01-shard-1-of-4" in catalog.benchmarks  # loaded and checked like every run file
    assert catalog.latest_run.id == CATALOG.latest_run.id
