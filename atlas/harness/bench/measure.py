"""What a process costs: CPU time and peak memory of a process group, cold start, import time."""

from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import threading
import time
from pathlib import Path

from atlas.harness.runner import group_members

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
    except (OSError, IndexError):
        return 0.0


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class GroupSampler:
    """Samples a process group while a load runs: CPU used (% of one core) and peak RSS (sum)."""

    def __init__(self, pgid: int, interval: float = 0.2):
        self.pgid, self.interval = pgid, interval
        self.peak_rss_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak_rss_mb = max(self.peak_rss_mb, sum(_rss_mb(p) for p in group_members(self.pgid)))
            self._stop.wait(self.interval)

    def __enter__(self) -> GroupSampler:
        self._cpu0 = {p: _cpu_seconds(p) for p in group_members(self.pgid)}
        self._t0 = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        elapsed = time.monotonic() - self._t0
        used = sum(_cpu_seconds(p) - self._cpu0.get(p, 0.0) for p in group_members(self.pgid))
        self.cpu_seconds = used  # processes that exited meanwhile are not counted: servers keep theirs
        self.cpu_percent = round(100 * used / elapsed, 1) if elapsed else 0.0
        self.peak_rss_mb = round(self.peak_rss_mb, 1)


def import_seconds(python: Path, snippet: Path, repeats: int = 5, timeout: float = 20.0) -> float:
    """Median wall time for a fresh interpreter of the framework's environment to load a snippet
    (its framework imports plus building the app), without serving: what a reader's app pays
    before the server can start. Raises RuntimeError with the interpreter's last error line."""
    code = (
        "import importlib.util, sys, time\n"
        "t = time.perf_counter()\n"
        "spec = importlib.util.spec_from_file_location('snippet', sys.argv[1])\n"
        "module = sys.modules['snippet'] = importlib.util.module_from_spec(spec)\n"  # as an import would
        "spec.loader.exec_module(module)\n"
        "print(time.perf_counter() - t)"
    )
    times = []
    for _ in range(repeats):
        proc = subprocess.Popen(
            [str(python), "-c", code, str(snippet)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            cwd=snippet.parent, start_new_session=True,
        )  # fmt: skip
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise RuntimeError(f"still running after {timeout:.0f} s: the snippet starts serving when it is loaded") from None
        if proc.returncode:
            errors = [x for x in err.splitlines() if re.match(r"^[\w.]+(Error|Exception)\b", x)]
            raise RuntimeError(errors[-1] if errors else "failed")
        times.append(float(out.strip().splitlines()[-1]))
    return statistics.median(times)


def dir_size_mb(path: Path) -> float:
    total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    return round(total / 1e6, 1)
