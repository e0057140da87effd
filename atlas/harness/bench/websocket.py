"""WebSocket echo: messages/s through the websocket-echo snippet, the client on the other CPU."""

from __future__ import annotations

import json
import subprocess
import sys

from atlas.harness.bench import measure


def run(url: str, *, connections: int, seconds: float, cpus: str, pgid: int) -> dict:
    """One timed run: messages/s, the client's CPU use, and the server's CPU and peak memory."""
    ws_url = url.replace("http://", "ws://", 1) + "/ws/echo"
    argv = [
        "taskset",
        "--cpu-list",
        cpus,
        sys.executable,
        "-m",
        "atlas.harness.bench.ws_client",
        ws_url,
        str(connections),
        str(seconds),
    ]
    with measure.GroupSampler(pgid) as sampler:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    if proc.returncode:
        raise RuntimeError(f"WebSocket client failed: {proc.stderr.strip().splitlines()[-1:] or proc.returncode}")
    raw = json.loads(proc.stdout)
    return {
        "mps": raw["messages"] / raw["seconds"],
        "client_cpu_percent": raw["client_cpu_percent"],
        "server_cpu_percent": sampler.cpu_percent,
        "peak_rss_mb": sampler.peak_rss_mb,
    }
