"""How much a run measures: the profiles (`full` for published runs, `quick` for contributors and the
tests) and the measurements beyond the HTTP scenarios. Their one home."""

from __future__ import annotations

from atlas.harness.bench.scenarios import LEAD

#: The profiles: `full` for published runs, `quick` for contributors (minutes) and the tests.
PROFILES = {
    "full": {
        "concurrency": {LEAD: [1, 16, 64, 256, 512], "default": [16, 64, 256]},
        "warmup": 1,
        "seconds": 2,  # wrk takes whole seconds
        "repeats": 3,
        "reference": {"framework": "starlette", "setup": "common", "connections": 64, "seconds": 2},
        "open_loop": {"fractions": [0.25, 0.5, 0.75], "connections": 32, "seconds": 3},
        "websocket": {"connections": 16, "seconds": 3, "runs": 3},
        "queues": {"connections": 16, "seconds": 3, "runs": 3},
        "capacity": {"steps": [1000, 2500, 5000]},
    },
    "quick": {
        "concurrency": {LEAD: [16, 64], "default": [64]},
        "warmup": 1,
        "seconds": 1,
        "repeats": 3,
        "reference": {"framework": "starlette", "setup": "common", "connections": 16, "seconds": 1},
        "open_loop": {"fractions": [0.5], "connections": 4, "seconds": 1},
        "websocket": {"connections": 4, "seconds": 1, "runs": 1},
        "queues": {"connections": 4, "seconds": 1, "runs": 1},
        "capacity": {"steps": [100]},
    },
}
#: Measurements beyond the HTTP scenarios, each skippable (`--skip`).
EXTRAS = ["open-loop", "websocket-echo", "background-job", "capacity"]
