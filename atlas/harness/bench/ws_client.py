"""WebSocket echo load: `python -m atlas.harness.bench.ws_client URL CONNECTIONS SECONDS`, run pinned.

No native WebSocket load generator is packaged here (wrk and Debian's tools speak HTTP only),
so this client is Python (the `websockets` library, whose frame masking is in C). Each
connection sends one message and waits for its echo, in a loop: a closed loop, like wrk's.
It prints its own CPU use, so a result where the client, not the server, was the limit is
flagged instead of passing as the server's figure.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time

from websockets.asyncio.client import connect

MESSAGE = '{"n": 1, "text": "the quick brown fox"}'


async def _one(url: str, until: float, counts: list[int]) -> None:
    async with connect(url, compression=None, max_queue=None) as ws:
        while time.monotonic() < until:
            await ws.send(MESSAGE)
            if await ws.recv() != MESSAGE:
                raise RuntimeError("echo differs from the message sent")
            counts[0] += 1


async def _run(url: str, connections: int, seconds: float) -> dict:
    counts = [0]
    cpu0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
    await asyncio.gather(*(_one(url, t0 + seconds, counts) for _ in range(connections)))
    elapsed = time.monotonic() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    used = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return {"messages": counts[0], "seconds": elapsed, "client_cpu_percent": round(100 * used / elapsed, 1)}


if __name__ == "__main__":
    url, connections, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    print(json.dumps(asyncio.run(_run(url, connections, seconds))))
