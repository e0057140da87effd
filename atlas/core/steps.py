"""Contract step kinds: the one list of them.

A task's step is a plain request (with its expectation) or one of the special kinds below; the
schema (`$defs/step`, one `oneOf` alternative per kind), the contract checker
(atlas.harness.contract.CHECKS) and the task pages (atlas.site.tasks_render.DESCRIBE) each know
every kind, and tests/test_lists.py fails if one does not.
"""

from __future__ import annotations

STEP_KINDS: tuple[str, ...] = (
    "request",
    "metric_delta",
    "websocket",
    "websocket_broadcast",
    "sql",
    "graceful_shutdown",
    "request_logs",
)


def step_kind(step: dict) -> str:
    """The kind of one step of a task's contract."""
    return next((k for k in STEP_KINDS[1:] if k in step), "request")
