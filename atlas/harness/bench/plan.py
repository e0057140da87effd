"""Which measurements a run makes, in which order, and which shard makes them.

Pure functions, so the split and the order are unit-tested and the same on every machine:
- work items are (framework, setup) pairs, sorted; shard K of N takes every N-th from the K-th,
  so shards get similar mixes of fast and slow setups;
- each repeat visits the shard's items in its own shuffled order (seeded by run id, shard and
  repeat), so no point is measured twice back to back and slow drift of the machine spreads over
  every framework instead of landing on one.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

SHARD = re.compile(r"^(\d+)/(\d+)$")


@dataclass(frozen=True)
class Item:
    framework: str
    setup: str  # a setup kind (atlas.core.setups)

    @property
    def key(self) -> str:
        return f"{self.framework}@{self.setup}"


def parse_shard(text: str) -> tuple[int, int]:
    """'2/4' -> (2, 4); anything else is an error that says what is expected."""
    m = SHARD.match(text or "")
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise ValueError(f"--shard wants K/N with 1 <= K <= N (e.g. 2/4), not {text!r}")
    return int(m.group(1)), int(m.group(2))


def split(keys: list[str], index: int, count: int) -> list[str]:
    """Shard `index` of `count`'s share of `keys` (deterministic: sorted, then every count-th)."""
    return [k for i, k in enumerate(sorted(keys)) if i % count == index - 1]


def order(items: list[Item], run_id: str, shard: int, repeat: int) -> list[Item]:
    """The items of one repeat, shuffled with a seed of the run, the shard and the repeat."""
    out = sorted(items, key=lambda x: x.key)
    random.Random(f"{run_id}:{shard}:{repeat}").shuffle(out)
    return out


def schedule(items: list[Item], run_id: str, shard: int, repeats: int) -> list[tuple[int, Item]]:
    """Every (repeat, item) visit in order; an item never follows itself across a repeat boundary."""
    visits: list[tuple[int, Item]] = []
    for r in range(repeats):
        this = order(items, run_id, shard, r)
        if visits and len(this) > 1 and this[0] == visits[-1][1]:
            this = this[1:] + this[:1]  # never the same setup twice in a row
        visits += [(r, item) for item in this]
    return visits
