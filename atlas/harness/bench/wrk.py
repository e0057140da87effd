"""wrk, the native load generator, pinned to its own CPU; results parsed from its Lua summary."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk.lua")
OPEN_LOOP_SCRIPT = Path(__file__).with_name("open_loop.lua")


def version() -> str:
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout or ""
    return out.split("[")[0].replace("wrk", "").strip() or "unknown"


def run_script(url: str, script: Path, *, threads: int, connections: int, seconds: float, cpus: str | None, env: dict) -> dict:
    argv = ["wrk", "--threads", str(threads), "--connections", str(connections), "--duration", f"{int(seconds)}s"]
    argv += ["--timeout", "5s", "--script", str(script), url]
    if cpus:
        argv = ["taskset", "--cpu-list", cpus, *argv]
    proc = subprocess.run(argv, capture_output=True, text=True, env=os.environ | env, timeout=seconds + 30)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("ATLAS ")), None)
    if proc.returncode or line is None:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr or proc.stdout}")
    return json.loads(line.removeprefix("ATLAS "))


def _latencies(raw: dict) -> dict:
    return {k: round(raw[k] / 1000, 3) for k in ("p50", "p90", "p99", "p999", "max", "mean") if k in raw}


def _errors(raw: dict) -> dict:
    return {k: raw[k] for k in ("connect", "read", "write", "timeout", "non_2xx_3xx")}


def run(url: str, *, connections: int, seconds: float, cpus: str | None, method: str = "GET", body: str | None = None) -> dict:
    """One timed wrk run (keep-alive, one thread, closed loop); requests/s, latency in ms and error counts."""
    env = {"ATLAS_METHOD": method, "ATLAS_BODY": body or ""}
    raw = run_script(url, SCRIPT, threads=1, connections=connections, seconds=seconds, cpus=cpus, env=env)
    return {
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "requests": raw["requests"],
        "latency_ms": _latencies(raw),
        "errors": _errors(raw),
    }


def open_loop(url: str, *, rate: float, connections: int, seconds: float, cpus: str | None) -> dict:
    """GET at a fixed request rate (open loop, see open_loop.lua): latency counted from when each
    request was due, so a stalled server cannot hide the requests it held back."""
    env = {"ATLAS_RATE": str(rate), "ATLAS_CONNECTIONS": str(connections), "ATLAS_METHOD": "GET"}
    raw = run_script(url, OPEN_LOOP_SCRIPT, threads=connections, connections=connections, seconds=seconds, cpus=cpus, env=env)
    achieved = raw["requests"] / int(seconds)  # the schedule spans the timed window; thread start-up is not in it
    return {
        "target_rps": round(rate, 1),
        "achieved_rps": round(achieved, 1),
        "kept_schedule": achieved >= 0.95 * rate,
        "requests": raw["requests"],
        "latency_ms": _latencies(raw),
        "errors": _errors(raw),
    }
