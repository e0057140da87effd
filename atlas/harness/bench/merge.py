"""`python -m atlas bench merge SHARD... --output RUN`: shard files into one run.

Each shard carries its provenance, machine fingerprint and calibration (the reference setup and
the nginx ceiling it measured). Shards measured on the same kind of machine (same CPU model,
cores, governor and kernel) are combined as they are. A shard from another kind of machine is
put on the first shard's scale: its requests/s are multiplied, and its CPU time per request
divided, by the ratio of the two shards' reference medians; the factor is kept in the run
(`shards[].scale`) and latencies are left as measured. Anything that would silently mix two
different runs (other parameters, a missing or doubled shard, one setup measured twice) is an
error that says which file and what.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from atlas.core.benchmarks import load_run, run_to_data, write_run

SHARD_ID = re.compile(r"^(?P<run>.+)-shard-(?P<k>\d+)-of-(?P<n>\d+)$")
SAME_MACHINE = ("cpu_model", "cores", "governor", "kernel")


class MergeError(ValueError):
    """Shards that cannot be one run; the message names the file and the reason."""


def _scale_points(scenario: dict, factor: float) -> None:
    for point in scenario.get("points", []):
        rps = point["rps"]
        for key in ("median", "min", "max", "low", "high"):
            if key in rps:
                rps[key] = round(rps[key] * factor, 1)
        rps["runs"] = [round(v * factor, 1) for v in rps["runs"]]
        if "cpu_us_per_request" in point:
            point["cpu_us_per_request"] = round(point["cpu_us_per_request"] / factor, 1)


def merge(shards: list[tuple[str, dict]], allow_missing: bool = False) -> dict:
    """[(file name, shard run data)] -> the run's data."""
    if not shards:
        raise MergeError("no shard files given")
    parsed = []
    for name, data in shards:
        m = SHARD_ID.match(str(data.get("id", "")))
        if data.get("kind") != "shard" or not m or not data.get("shards"):
            raise MergeError(f"{name}: not a shard file (kind {data.get('kind')!r}, id {data.get('id')!r})")
        parsed.append((name, data, m["run"], int(m["k"]), int(m["n"])))
    parsed.sort(key=lambda x: x[3])
    name0, base, run_id, _, count = parsed[0]
    seen: dict[int, str] = {}
    for name, data, rid, k, n in parsed:
        if (rid, n) != (run_id, count):
            raise MergeError(f"{name}: shard of run {rid} in {n} parts, but {name0} is of run {run_id} in {count}")
        if k in seen:
            raise MergeError(f"{name}: shard {k} of {n} is also in {seen[k]}")
        seen[k] = name
        if data["parameters"] != base["parameters"]:
            raise MergeError(f"{name}: parameters differ from {name0}'s: the shards were not measured alike")
    missing = sorted(set(range(1, count + 1)) - set(seen))
    if missing and not allow_missing:
        raise MergeError(f"shard(s) {', '.join(map(str, missing))} of {count} missing (--allow-missing merges the rest)")
    ref_shard = base["shards"][0]
    out = copy.deepcopy(base)
    out.update(id=run_id, kind="full", frameworks={}, shards=[])
    for key in ("websocket_echo", "queues", "capacity"):
        out.pop(key, None)
    for name, data, *_ in parsed:
        data = copy.deepcopy(data)
        shard = data["shards"][0]
        same = all(shard["fingerprint"].get(f) == ref_shard["fingerprint"].get(f) for f in SAME_MACHINE)
        factor = (
            1.0 if same else ref_shard["calibration"]["reference_rps"]["median"] / shard["calibration"]["reference_rps"]["median"]
        )
        shard["scale"] = round(factor, 4)
        out["shards"].append(shard)
        for fid, fw in data["frameworks"].items():
            kept = out["frameworks"].setdefault(fid, {k2: v for k2, v in fw.items() if k2 != "setups"} | {"setups": {}})
            for kind, setup in fw["setups"].items():
                if kind in kept["setups"]:
                    raise MergeError(f"{name}: {fid}@{kind} was measured in another shard too")
                for scenario in setup["scenarios"].values():
                    if factor != 1.0:
                        _scale_points(scenario, factor)
                kept["setups"][kind] = setup
        for key in ("websocket_echo", "capacity"):
            for fid, value in (data.get(key) or {}).items():
                if fid in out.setdefault(key, {}):
                    raise MergeError(f"{name}: {key}.{fid} was measured in another shard too")
                out[key][fid] = value
        for fid, by_broker in (data.get("queues") or {}).items():  # shards split queues by (queue, broker)
            for broker, value in by_broker.items():
                if broker in out.setdefault("queues", {}).setdefault(fid, {}):
                    raise MergeError(f"{name}: queues.{fid}.{broker} was measured in another shard too")
                out["queues"][fid][broker] = value
    dates = sorted(s["provenance"]["date"] for s in out["shards"])
    out["provenance"] = dict(out["provenance"], date=dates[0])
    if missing:
        out["provenance"]["missing_shards"] = missing
    return out


def merge_files(paths: list[str], output: str | None, allow_missing: bool = False) -> int:
    """`bench merge`: read, merge and write; a clear error (exit status 1) instead of a half-merged run."""
    if not output:
        raise SystemExit("bench merge: --output RUN_FILE is required")
    shards = [(Path(p).name, run_to_data(load_run(Path(p)))) for p in paths]
    try:
        run = merge(shards, allow_missing=allow_missing)
    except MergeError as exc:
        raise SystemExit(f"bench merge: {exc}") from None
    write_run(run, Path(output))
    total = sum(s["wall_seconds"] for s in run["shards"])
    print(f"wrote {output}: {len(run['shards'])} shard(s), {len(run['frameworks'])} frameworks, {total / 60:.0f} min measured")
    return 0
