"""Idle WebSocket connections held open: `python -m atlas.harness.bench.capacity_client SPEC_JSON`, run pinned.

The claim under test is "thousands of open connections", so the connections are idle: each
one completes its handshake and then sends nothing (no client pings either; the server's own
pings are answered by the library). Steps are cumulative: the connections of one step stay
open and the next step opens only the difference. At each step the client reads the
server's process group memory from /proc itself, which keeps this one process the only
side that holds connections and avoids a request-response protocol with the harness while
thousands of sockets wait. It prints one JSON object.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import resource
import statistics
import sys
import time

from websockets.asyncio.client import ClientConnection, connect
from websockets.protocol import State

from atlas.harness.bench.measure import _rss_mb
from atlas.harness.runner import group_members

OPEN_CONCURRENCY = 100  # handshakes in flight at once: a burst of 5,000 would overflow listen backlogs
OPEN_TIMEOUT = 10.0
ECHO_TIMEOUT = 5.0
SETTLE_SECONDS = 1.0
IDLE_SAMPLE = 50  # idle connections asked to echo at each step, spread over all of them
FD_MARGIN = 64  # descriptors a process needs besides its connections (files, pipes, the listening socket)


def raise_fd_limit() -> int:
    """Lift this process's soft RLIMIT_NOFILE to its hard limit (children inherit it); the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:  # an unlimited hard limit is capped by the kernel's nr_open
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def group_rss_mb(pgid: int) -> float:
    """Resident memory of a whole process group (a server's workers and helpers together)."""
    return round(sum(_rss_mb(p) for p in group_members(pgid)), 1)


async def _open(url: str, count: int, gate: asyncio.Semaphore, failures: list[str]) -> list[ClientConnection]:
    async def one() -> ClientConnection | None:
        async with gate:
            try:
                return await connect(url, open_timeout=OPEN_TIMEOUT, ping_interval=None, compression=None)
            except Exception as exc:  # counted, and the step goes on
                failures.append(f"{type(exc).__name__}: {exc}")
                return None

    return [ws for ws in await asyncio.gather(*(one() for _ in range(count))) if ws is not None]


async def _echo(ws: ClientConnection, message: str) -> float:
    """Milliseconds for one message to come back unchanged."""
    t0 = time.perf_counter()
    await ws.send(message)
    got = await asyncio.wait_for(ws.recv(), ECHO_TIMEOUT)
    if got != message:
        raise RuntimeError("echo differs from the message sent")
    return 1000 * (time.perf_counter() - t0)


async def _latency(url: str, messages: list[str], echoes: int, failures: list[str]) -> tuple[float | None, float | None]:
    """p50 and p99 of sequential echoes on one extra connection, while the idle ones stay open."""
    try:
        async with connect(url, open_timeout=OPEN_TIMEOUT, ping_interval=None, compression=None) as ws:
            times = [await _echo(ws, m) for m in itertools.islice(itertools.cycle(messages), echoes)]
    except Exception as exc:
        failures.append(f"echo connection: {type(exc).__name__}: {exc}")
        return None, None
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return round(cuts[49], 3), round(cuts[98], 3)


async def _dead(held: list[ClientConnection], message: str, failures: list[str]) -> int:
    """Held connections that closed, plus sampled open ones that no longer echo."""
    closed = [ws for ws in held if ws.state is not State.OPEN]
    alive = [ws for ws in held if ws.state is State.OPEN]
    sample = alive[:: max(1, len(alive) // IDLE_SAMPLE)][:IDLE_SAMPLE]
    results = await asyncio.gather(*(_echo(ws, message) for ws in sample), return_exceptions=True)
    failed = [r for r in results if isinstance(r, BaseException)]
    failures.extend(f"idle connection: {type(r).__name__}: {r}" for r in failed)
    if closed:
        failures.append(f"{len(closed)} idle connection(s) closed by the server")
    return len(closed) + len(failed)


async def _run(spec: dict) -> dict:
    url, pgid, messages = spec["url"], spec["pgid"], spec["messages"]
    fd_limit = raise_fd_limit()
    room = max(0, fd_limit - FD_MARGIN - 1)  # one descriptor per held connection, one for the echo connection
    gate = asyncio.Semaphore(OPEN_CONCURRENCY)
    out: dict = {"fd_limit": fd_limit, "baseline_rss_mb": group_rss_mb(pgid), "steps": [], "first_error": None}
    held: list[ClientConnection] = []
    for target in spec["steps"]:
        failures: list[str] = []
        held += await _open(url, max(0, min(target, room) - len(held)), gate, failures)
        open_errors = len(failures)
        await asyncio.sleep(SETTLE_SECONDS)
        rss = group_rss_mb(pgid)
        p50, p99 = await _latency(url, messages, spec["echoes"], failures)
        dead = await _dead(held, messages[0], failures)
        out["steps"].append(
            {
                "connections": target,
                "opened": len(held),
                "rss_mb": rss,
                "echo_p50_ms": p50,
                "echo_p99_ms": p99,
                "errors": open_errors + dead + (p50 is None),
            }
        )
        out["first_error"] = out["first_error"] or (failures[0][:200] if failures else None)
        if not held:
            break  # nothing opens: the later steps would only repeat the refusal
    if held:  # a polite close, bounded: the figures are already taken
        await asyncio.wait([asyncio.ensure_future(ws.close()) for ws in held], timeout=15)
    return out


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_run(json.loads(sys.argv[1])))))
