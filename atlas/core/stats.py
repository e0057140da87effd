"""The noise rule, in one place: intervals over repeats, when two figures differ, and rank bands.

Every consumer that orders or compares benchmark figures (the tables' rank bands, the claims'
`faster`, `rank` and "top quarter" rules, the home page) asks this module, so a difference
inside the noise is never shown as an order anywhere.

- A figure's interval is the 95 % percentile-bootstrap interval of the median over its repeats
  when there are at least `BOOTSTRAP_MIN` repeats, else the min–max of the repeats (with three
  repeats a bootstrap would only restate the min–max, less honestly).
- Two figures differ only when their intervals do not overlap *and* the ratio of their medians
  exceeds `TIE_SHARE`: with very tight intervals from one quiet machine, a 2 % difference is still
  not a difference a reader's deployment would see.
- Rank bands: sort by median; a figure joins the band of the figure above it unless it differs
  from the band's first (best) figure. Every member of a band has the band's rank (the position of
  its first member: 1, 1, 1, 4, ...), so a band is never a chain of small steps.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

#: Differences in medians below this share are ties whatever the intervals say.
TIE_SHARE = 0.05
#: Repeats needed before the interval is a bootstrap rather than the min–max.
BOOTSTRAP_MIN = 5
BOOTSTRAP_RESAMPLES = 2000


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    method: str  # "bootstrap-95" | "min-max"


def interval(values: Sequence[float], seed: int = 0) -> Interval:
    """The 95 % interval of the median of `values` (deterministic: seeded resampling)."""
    if len(values) < BOOTSTRAP_MIN:
        return Interval(min(values), max(values), "min-max")
    rng = random.Random(seed)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(BOOTSTRAP_RESAMPLES))
    return Interval(medians[int(0.025 * BOOTSTRAP_RESAMPLES)], medians[int(0.975 * BOOTSTRAP_RESAMPLES) - 1], "bootstrap-95")


@dataclass(frozen=True)
class Figure:
    """A median with its interval: what the rule compares."""

    median: float
    low: float
    high: float


def differs(a: Figure, b: Figure) -> bool:
    """Whether a and b differ beyond the noise (see the module's docstring)."""
    if a.median <= 0 or b.median <= 0:
        return a.median != b.median
    apart = a.low > b.high or b.low > a.high
    ratio = max(a.median, b.median) / min(a.median, b.median)
    return apart and ratio > 1 + TIE_SHARE


def compare(a: Figure, b: Figure) -> str:
    """'a' (a is higher), 'b', or 'tie'."""
    if not differs(a, b):
        return "tie"
    return "a" if a.median > b.median else "b"


T = TypeVar("T")


def bands(items: Sequence[T], figure: Callable[[T], Figure]) -> list[tuple[T, int]]:
    """Items best first, each with its band's rank (higher figures rank first)."""
    ordered = sorted(items, key=lambda x: -figure(x).median)
    out: list[tuple[T, int]] = []
    head: Figure | None = None
    rank = 0
    for position, item in enumerate(ordered, start=1):
        f = figure(item)
        if head is None or differs(head, f):
            head, rank = f, position
        out.append((item, rank))
    return out


def band_label(rank: int, ranks: Sequence[int]) -> str:
    """'1' alone in its band, '=1' when shared (the tables' way of showing a tie)."""
    return f"={rank}" if list(ranks).count(rank) > 1 else str(rank)
