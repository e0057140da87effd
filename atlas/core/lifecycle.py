"""Is it alive? A lifecycle status per entry, computed from its evidence (the `lifecycle` block of
its data file: the release history on the package index and sourced statements), never typed in.

- archived: the project says its repository is archived, or declares itself deprecated.
- abandoned: a statement that it is unmaintained or abandoned, and no release for over a year.
- dormant: no release for over 540 days.
- slowing: no release for over 180 days, or fewer than 4 in the last 24 months.
- active: otherwise.
Days are counted from the last release to the day the site is built, so a page goes on aging
between refreshes; the release figures themselves are as of their `verified` date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atlas.core.catalog import Entry

STATES = ("active", "slowing", "dormant", "abandoned", "archived")
#: States a guide must flag rather than rank silently.
FLAGGED = ("dormant", "abandoned", "archived")
LABELS = {
    "active": "Active",
    "slowing": "Slowing",
    "dormant": "Dormant",
    "abandoned": "Abandoned",
    "archived": "Archived",
}


@dataclass(frozen=True)
class Lifecycle:
    state: str
    reason: str  # in words, with the figures
    source: str  # the release history
    statements: tuple[dict, ...] = ()
    successor: str | None = None

    @property
    def label(self) -> str:
        return LABELS[self.state]


def lifecycle(entry: Entry, today: dt.date | None = None) -> Lifecycle:
    today = today or dt.date.today()
    data = entry.lifecycle
    last = dt.date.fromisoformat(data["last_release"])
    days, recent = (today - last).days, data["releases_24_months"]
    statements = tuple(data.get("statements", []))
    says = {s["says"] for s in statements}
    successor = next((s["successor"] for s in statements if s.get("successor")), None)
    version = f" ({data['last_version']})" if data.get("last_version") else ""
    figures = f"last release{version} {days} days ago, {recent} in the last 24 months"
    if says & {"archived", "deprecated"}:
        state, why = "archived", "the project says so"
    elif says & {"abandoned", "unmaintained"} and days > 365:
        state, why = "abandoned", "a sourced statement and no release for over a year"
    elif days > 540:
        state, why = "dormant", "no release for over 540 days"
    elif days > 180 or recent < 4:
        state, why = "slowing", "no release for over 180 days" if days > 180 else "fewer than 4 releases in 24 months"
    else:
        state, why = "active", "a release in the last 180 days and at least 4 in 24 months"
    return Lifecycle(state, f"{why}: {figures}", data["source"], statements, successor)
