"""The one snippet runner: the tests and the benchmarks start every snippet through it.

A snippet runs exactly as a reader would run it: its framework's production server, in the
framework's own environment, on 127.0.0.1. The runner picks a free port, waits until the
server answers HTTP, hands back its URL and always stops it: SIGTERM to the whole process
group, SIGKILL after a bound (robyn and nameko ignore SIGTERM), so no worker is orphaned.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shlex
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from atlas.core.catalog import Entry
from atlas.core.snippets import SNIPPETS_DIR, command_for, fill, worker_command
from atlas.harness.envs import ensure_env

HOST = "127.0.0.1"
#: Every process group this interpreter started, so a test session can prove none survived.
STARTED_GROUPS: list[int] = []


class SnippetError(Exception):
    """The snippet could not be brought up; the message carries the tail of its log."""


class SnippetCrashed(SnippetError):
    pass


class SnippetTimeout(SnippetError):
    pass


@dataclass
class Running:
    url: str
    port: int
    pid: int
    command: list[str]
    log: Path
    proc: subprocess.Popen
    env: dict[str, str]
    stdout: Path | None = None  # the server's standard output alone, when asked for (else it is in `log`)

    def log_tail(self, lines: int = 30) -> str:
        return tail(self.log, lines)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def group_members(pgid: int) -> list[int]:
    """Live processes (not zombies) in a process group, read from /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(stat.parent.name))
    return members


def stop_group(proc: subprocess.Popen, timeout: float = 5.0) -> None:
    """SIGTERM the group, wait, SIGKILL whatever is left, and reap the leader."""
    pgid = proc.pid
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (proc.poll() is None or group_members(pgid)):
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    deadline = time.monotonic() + 5
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)


def _answers(port: int) -> bool:
    conn = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        conn.request("GET", "/")
        conn.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


@contextlib.contextmanager
def serve(
    entry: Entry,
    task_id: str,
    *,
    env: dict[str, str] | None = None,
    workers: int = 1,
    startup_timeout: float = 30.0,
    stop_timeout: float = 5.0,
    cpus: str | None = None,
    log_dir: Path | None = None,
    venv: Path | None = None,
    snippets_dir: Path = SNIPPETS_DIR,
    poll_interval: float = 0.1,
    capture_stdout: bool = False,
    command: str | None = None,
) -> Iterator[Running]:
    """Run snippets/<entry>/<task>.py under its server until the block exits.

    `venv` and `snippets_dir` exist for the runner's own tests; everything else takes the
    framework's pinned environment and the project's snippets. With `capture_stdout` the server's
    standard output goes to a file of its own (`Running.stdout`), its standard error to the log.
    `command` is a benchmark setup's command template, run in `venv` (the setup's environment)."""
    venv = venv or ensure_env(entry.id)
    port = free_port()
    # `command`: a benchmark setup's template instead of the entry's own (atlas.core.setups)
    argv = shlex.split(
        fill(command, module=task_id, port=port, workers=workers) if command else command_for(entry, task_id, port, workers)
    )
    exe = venv / "bin" / argv[0]
    if exe.exists():
        argv[0] = str(exe)
    if cpus:
        argv = ["taskset", "--cpu-list", cpus, *argv]
    run_env = {
        **os.environ,
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "PYTHONUNBUFFERED": "1",
        **(env or {}),
    }
    run_env.pop("PYTHONHOME", None)
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="atlas-run-"))
    log = log_dir / f"{entry.id}-{task_id}.log"
    cwd = snippets_dir / entry.id
    procs: list[tuple[subprocess.Popen, Path]] = []
    try:
        extra = worker_command(entry, task_id)
        if extra:
            worker_argv = shlex.split(extra)
            if (venv / "bin" / worker_argv[0]).exists():
                worker_argv[0] = str(venv / "bin" / worker_argv[0])
            if cpus:  # the worker is part of what is measured: pinned with the server
                worker_argv = ["taskset", "--cpu-list", cpus, *worker_argv]
            worker_log = log_dir / f"{entry.id}-{task_id}.worker.log"
            procs.append((start_process(worker_argv, worker_log, cwd=cwd, env=run_env), worker_log))
        stdout = log.with_suffix(".stdout.log") if capture_stdout else None
        proc = start_process(argv, log, cwd=cwd, env=run_env, stdout=stdout)
        procs.append((proc, log))
        deadline = time.monotonic() + startup_timeout
        while True:
            for p, p_log in procs:
                if p.poll() is not None:
                    which = "its worker" if p is not proc else "it"
                    raise SnippetCrashed(
                        f"{entry.id}/{task_id}: {which} exited with code {p.returncode} before answering; "
                        f"last lines of its log:\n{tail(p_log)}"
                    )
            if _answers(port):
                break
            if time.monotonic() > deadline:
                raise SnippetTimeout(
                    f"{entry.id}/{task_id} did not answer on {HOST}:{port} within {startup_timeout:.0f} s; "
                    f"last lines of its log:\n{tail(log)}"
                )
            time.sleep(poll_interval)
        yield Running(f"http://{HOST}:{port}", port, proc.pid, argv, log, proc, run_env, stdout)
    finally:
        for p, _ in reversed(procs):
            stop_group(p, stop_timeout)


def start_process(
    argv: list[str], log: Path, *, cwd: Path | None = None, env: dict[str, str] | None = None, stdout: Path | None = None
) -> subprocess.Popen:
    """Start a managed process in its own process group, output to `log` (standard output to
    `stdout` instead, if given), recorded for the end-of-session check that nothing is left
    behind (snippets, services, nginx all use it)."""
    with open(log, "wb") as err, open(stdout or os.devnull, "wb") as out:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=out if stdout else err,
            stderr=subprocess.STDOUT if not stdout else err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    STARTED_GROUPS.append(proc.pid)
    return proc
