"""wrk, the native load generator, pinned to its own CPU; results parsed from its Lua summary."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk.lua")


def version() -> str:
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout or ""
    return out.split("[")[0].replace("wrk", "").strip() or "unknown"


def run(url: str, *, connections: int, seconds: float, cpus: str | None, method: str = "GET", body: str | None = None) -> dict:
    """One timed wrk run (keep-alive, one thread); requests/s, latency in ms and error counts."""
    argv = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(connections),
        "--duration",
        f"{int(seconds)}s",
        "--timeout",
        "5s",
        "--script",
        str(SCRIPT),
        url,
    ]
    if cpus:
        argv = ["taskset", "--cpu-list", cpus, *argv]
    env = os.environ | {"ATLAS_METHOD": method, "ATLAS_BODY": body or ""}
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=seconds + 30)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("ATLAS ")), None)
    if proc.returncode or line is None:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr or proc.stdout}")
    raw = json.loads(line.removeprefix("ATLAS "))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "rps": round(raw["requests"] / seconds_run, 1),
        "requests": raw["requests"],
        "latency_ms": {k: round(raw[k] / 1000, 3) for k in ("p50", "p90", "p99", "p999", "max", "mean")},
        "errors": {k: raw[k] for k in ("connect", "read", "write", "timeout", "non_2xx_3xx")},
    }
