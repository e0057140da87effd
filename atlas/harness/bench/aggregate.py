"""Repeats of one point into the point the run file keeps: the median, its interval, the spread
across repeats, CPU time per request and the flags. Pure, so the arithmetic is unit-tested."""

from __future__ import annotations

import statistics

from atlas.core import stats


def summary(values: list[float], spread: str = "across-repeats") -> dict:
    """Median, min, max, CV and the 95 % interval of the median (atlas.core.stats)."""
    median = statistics.median(values)
    mean = statistics.mean(values)
    cv = statistics.stdev(values) / mean if len(values) > 1 and mean else 0.0
    interval = stats.interval(values)
    return {
        "median": round(median, 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
        "cv": round(cv, 4),
        "runs": [round(v, 1) for v in values],
        "low": round(interval.low, 1),
        "high": round(interval.high, 1),
        "interval": interval.method,
        "spread": spread,
    }


def us_per_request(cpu_seconds: float, requests: int) -> float | None:
    """Server CPU time per completed request, in microseconds (None when nothing completed)."""
    return round(cpu_seconds * 1e6 / requests, 1) if requests else None


def point(concurrency: int, repeats: list[dict]) -> dict:
    """One point from its repeats (each a wrk run plus the sampler's figures)."""
    median_run = sorted(repeats, key=lambda r: r["rps"])[len(repeats) // 2]
    errors = {k: sum(r["errors"][k] for r in repeats) for k in repeats[0]["errors"]}
    out = {
        "concurrency": concurrency,
        "rps": summary([r["rps"] for r in repeats]),
        "latency_ms": median_run["latency_ms"],
        "errors": errors,
        # silence is an error too: a repeat that completed nothing flags the point
        "has_errors": any(errors.values()) or not all(r["requests"] for r in repeats),
    }
    if all("cpu_seconds" in r for r in repeats):
        out["server_cpu_percent"] = max(r["server_cpu_percent"] for r in repeats)
        out["peak_rss_mb"] = max(r["peak_rss_mb"] for r in repeats)
        costs = [c for r in repeats if (c := us_per_request(r["cpu_seconds"], r["requests"])) is not None]
        if costs:
            out["cpu_us_per_request"] = round(statistics.median(costs), 1)
    opened = [r["connections_per_request"] for r in repeats if r.get("connections_per_request") is not None]
    if opened:
        out["connections_per_request"] = round(statistics.median(opened), 3)
    return out
