"""What a run records about the machine it ran on: the provenance block (commit, CPUs, load average)
and the fingerprint `bench merge` compares across shards."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import subprocess
from pathlib import Path

from atlas.core.catalog import ROOT
from atlas.harness.bench import nginx, wrk


def _version(argv: list[str]) -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        out = (proc.stdout or proc.stderr).strip().splitlines()
        return out[0][:120] if out else "unknown"
    return "not installed"


def fingerprint() -> dict[str, str]:
    """What makes two machines' figures comparable or not: CPU, governor, kernel, and every
    server, broker and database version the run uses."""
    governor = Path("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")
    return {
        "cpu_model": _cpu_model(),
        "cores": str(os.cpu_count()),
        "governor": governor.read_text().strip() if governor.exists() else "not exposed (virtual machine)",
        "kernel": platform.release(),
        "python": platform.python_version(),
        "wrk": wrk.version(),
        "nginx": nginx.version(),
        "postgresql": _version(["/usr/lib/postgresql/15/bin/postgres", "--version"]),
        "redis": _version(["redis-server", "--version"]),
        "rabbitmq": _version(["dpkg-query", "-W", "-f=${Version}", "rabbitmq-server"]),
    }


def _cpu_model() -> str:
    return next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )


def provenance(server_cpus: str, load_cpus: str) -> dict:
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip())
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "harness_commit": commit + ("+dirty" if dirty else ""),
        "load_generator": {"name": "wrk", "version": wrk.version(), "threads": 1, "keep_alive": True},
        "ceiling_server": {"name": "nginx", "version": nginx.version(), "workers": 1},
        "server_cpus": server_cpus,
        "load_cpus": load_cpus,
        "load_average": [round(x, 2) for x in os.getloadavg()],  # other work on the machine at the start
    }
