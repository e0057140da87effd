"""Lint rules of the production tasks: the trace-propagation snippet says how it traces.

An entry whose trace-propagation snippet runs (tested, or a known failure) must state
`snippets.tracing` (data/README.md), and every package it names must be the very version its
requirements.lock pins, so the page never shows a version the tests did not run.
"""

from __future__ import annotations

from pathlib import Path

from atlas.core.catalog import Entry, _rel
from atlas.core.snippets import locked_versions
from atlas.core.yamlsafe import Problem

TRACING_TASK = "trace-propagation"


def tracing_problems(entry: Entry, state: str, snippets_dir: Path) -> list[Problem]:
    """`state` is the entry's status for the trace-propagation task (atlas.harness.status)."""
    tracing = (entry.snippets or {}).get("tracing")
    name = _rel(entry.path)
    if tracing is None:
        if state in ("tested", "fails"):
            return [
                Problem(
                    name,
                    entry.doc.line_of(("snippets",)),
                    "snippets.tracing",
                    f"snippets/{entry.id}/{TRACING_TASK}.py runs: say how it traces (built-in, instrumentation or "
                    "plain-headers), with its OpenTelemetry packages as name==version and a source",
                )
            ]
        return []
    pins = locked_versions(entry.id, snippets_dir)
    problems = []
    for index, package in enumerate(tracing.get("packages", [])):
        dist, version = package.split("==", 1)
        locked = pins.get(dist.lower().replace("_", "-"))
        if locked != version:
            problems.append(
                Problem(
                    name,
                    entry.doc.line_of(("snippets", "tracing", "packages", index)),
                    f"snippets.tracing.packages.{index}",
                    f"says {package} but snippets/{entry.id}/requirements.lock pins {dist} {locked or 'not at all'}",
                )
            )
    return problems
