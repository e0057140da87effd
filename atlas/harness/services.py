"""Real backing services for the snippets: PostgreSQL, Redis, RabbitMQ and an HTTP upstream.

Each runs from Debian's packages (or, for the upstream, this project's own module) on
127.0.0.1, on a free port, with its data in a temporary directory, in a process group the
harness owns and stops. Nothing is faked: a snippet that claims to store a row is checked
against PostgreSQL itself.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from atlas.harness.runner import HOST, free_port, start_process, stop_group, tail

PG_BIN = Path("/usr/lib/postgresql/15/bin")
RABBIT_BIN = Path("/usr/lib/rabbitmq/bin")
DEBIAN_PACKAGES = {"postgres": "postgresql", "redis": "redis-server", "rabbitmq": "rabbitmq-server"}


class ServiceError(Exception):
    pass


@dataclass
class Process:
    name: str
    proc: subprocess.Popen
    log: Path

    def stop(self, timeout: float = 10) -> None:
        stop_group(self.proc, timeout)


def _as_user(user: str) -> list[str]:
    """Prefix that runs a command as a Debian service user when we are root (they refuse root)."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", user, "--"]


def _own(path: Path, user: str) -> None:
    if os.geteuid() == 0:
        entry = pwd.getpwnam(user)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _spawn(name: str, argv: list[str], log: Path, env: dict | None = None, cwd: Path | None = None) -> Process:
    return Process(name, start_process(argv, log, cwd=cwd, env=env), log)


def _wait_port(process: Process, port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.proc.poll() is not None:
            raise ServiceError(f"{process.name} exited with code {process.proc.returncode}:\n{tail(process.log)}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
            return
        time.sleep(0.1)
    process.stop()
    raise ServiceError(f"{process.name} did not listen on {HOST}:{port} within {timeout:.0f} s:\n{tail(process.log)}")


def missing_packages(names: list[str]) -> list[str]:
    """Debian packages the named services need that are not installed."""
    binaries = {
        "postgres": PG_BIN / "postgres",
        "redis": Path("/usr/bin/redis-server"),
        "rabbitmq": RABBIT_BIN / "rabbitmq-server",
    }
    return [DEBIAN_PACKAGES[n] for n in names if n in binaries and not binaries[n].exists()]


@dataclass
class Services:
    """The services one test session (or one `snippets check`) needs, started on first use."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="atlas-services-")))
    urls: dict[str, str] = field(default_factory=dict)
    processes: list[Process] = field(default_factory=list)
    _databases: itertools.count = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self.root.chmod(0o755)  # the postgres and rabbitmq users must reach their folders inside

    def ensure(self, names: list[str]) -> None:
        missing = missing_packages(names)
        if missing:
            raise ServiceError(f"Debian packages missing: {' '.join(missing)} (make test installs them)")
        for name in names:
            if name not in self.urls and name != "upstream":
                getattr(self, f"_start_{name}")()

    # -- the services -------------------------------------------------------------------
    def _start_postgres(self) -> None:
        data = self.root / "pg"
        data.mkdir()
        _own(data, "postgres")
        subprocess.run(
            [
                *_as_user("postgres"),
                str(PG_BIN / "initdb"),
                "-D",
                str(data / "data"),
                "-A",
                "trust",
                "-U",
                "atlas",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            cwd=self.root,
        )
        port = free_port()
        process = _spawn(
            "postgres",
            [
                *_as_user("postgres"),
                str(PG_BIN / "postgres"),
                "-D",
                str(data / "data"),
                "-h",
                HOST,
                "-p",
                str(port),
                "-k",
                str(data),
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "synchronous_commit=off",
            ],
            self.root / "postgres.log",
            cwd=self.root,
        )
        self.processes.append(process)
        _wait_port(process, port, 30)
        self.urls["postgres"] = f"postgresql://atlas@{HOST}:{port}/postgres"

    def _start_redis(self) -> None:
        port = free_port()
        process = _spawn(
            "redis",
            ["redis-server", "--bind", HOST, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(self.root)],
            self.root / "redis.log",
        )
        self.processes.append(process)
        _wait_port(process, port, 15)
        self.urls["redis"] = f"redis://{HOST}:{port}/0"

    def _start_rabbitmq(self) -> None:
        base = self.root / "rabbitmq"
        base.mkdir()
        (base / ".erlang.cookie").write_text(os.urandom(16).hex())
        (base / "enabled_plugins").write_text("[].\n")
        for path in (base, base / ".erlang.cookie", base / "enabled_plugins"):
            _own(path, "rabbitmq")
        (base / ".erlang.cookie").chmod(0o400)
        port, dist, epmd = free_port(), free_port(), free_port()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(base),
            "RABBITMQ_NODENAME": f"atlas{port}@localhost",
            "RABBITMQ_NODE_IP_ADDRESS": HOST,
            "RABBITMQ_NODE_PORT": str(port),
            "RABBITMQ_DIST_PORT": str(dist),
            "ERL_EPMD_ADDRESS": HOST,
            "ERL_EPMD_PORT": str(epmd),
            "RABBITMQ_MNESIA_BASE": str(base / "mnesia"),
            "RABBITMQ_LOG_BASE": str(base / "log"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "enabled_plugins"),
            "RABBITMQ_CONFIG_FILE": str(base / "rabbitmq"),
        }
        as_rabbit = [*_as_user("rabbitmq"), "env", *(f"{k}={v}" for k, v in env.items())]
        # epmd in the foreground, in a group we own: started by RabbitMQ it would daemonize and outlive us.
        epmd_process = _spawn("epmd", [*as_rabbit, "epmd", "-port", str(epmd), "-address", HOST], base.parent / "epmd.log")
        self.processes.append(epmd_process)
        _wait_port(epmd_process, epmd, 10)
        process = _spawn("rabbitmq", [*as_rabbit, str(RABBIT_BIN / "rabbitmq-server")], self.root / "rabbitmq.log", cwd=base)
        self.processes.append(process)
        _wait_port(process, port, 60)
        self.urls["rabbitmq"] = f"amqp://guest:guest@{HOST}:{port}/%2F"

    # -- per snippet run ----------------------------------------------------------------
    def fresh_database(self) -> str:
        """A new, empty PostgreSQL database for one snippet run; its libpq URL."""
        import psycopg

        name = f"atlas_{next(self._databases)}"
        with psycopg.connect(self.urls["postgres"], autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.urls["postgres"].rsplit("/", 1)[0] + f"/{name}"

    def flush_redis(self) -> None:
        host, port = self.urls["redis"].removeprefix("redis://").split("/")[0].split(":")
        with socket.create_connection((host, int(port)), timeout=5) as s:
            s.sendall(b"FLUSHALL\r\n")
            if not s.recv(64).startswith(b"+OK"):
                raise ServiceError("redis FLUSHALL failed")

    def env_for(self, names: list[str], broker: str | None = None) -> dict[str, str]:
        """Start what `names` need and return the environment a snippet run gets."""
        self.ensure(names + ([broker] if broker else []))
        env = {}
        if "postgres" in names:
            env["DATABASE_URL"] = self.fresh_database()
        if "redis" in names or broker == "redis":
            self.flush_redis()
            env["REDIS_URL"] = self.urls["redis"]
        if "rabbitmq" in names:
            env["BROKER_URL"] = self.urls["rabbitmq"]
        if broker:
            env["BROKER_URL"] = self.urls[broker]
        return env

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        self.processes.clear()
        self.urls.clear()
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def upstream(cpus: str | None = None) -> object:
    """The upstream-call task's upstream, in its own process; yields a controller."""
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="atlas-upstream-")) / "upstream.log"
    argv = [sys.executable, "-m", "atlas.harness.upstream", "--port", str(port)]
    process = _spawn("upstream", ["taskset", "--cpu-list", cpus, *argv] if cpus else argv, log)
    controller = Upstream(process, port)
    try:
        _wait_port(process, port, 10)
        yield controller
    finally:
        process.stop(2)


@dataclass
class Upstream:
    process: Process
    port: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def set(self, mode: str) -> None:
        """healthy, slow or failing; or down, which stops the process for good."""
        if mode == "down":
            self.process.stop(2)
            return
        import httpx

        httpx.post(f"{self.url}/_mode", content=mode, timeout=5).raise_for_status()
