"""Entry kinds: the one list of them, with what each kind means to every part of the Atlas.

The schema's `kind` enum must name exactly these (tests/test_lists.py checks it, and that every
consumer knows every kind); the fact groups a kind has come from the schema's if/then rules
(atlas.core.catalog.fact_groups). Adding a kind is an edit here and in the schema's enum.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    id: str
    label: str  # "Web framework"
    matrix: str  # the compare page's feature matrix it is a row of (a MATRICES key)
    snippets: bool  # has snippets, so a row in task coverage and tabs on task pages
    must_cover: bool  # needs a snippet (or a reason) for every task that applies to it
    in_guide: bool  # ranked by the decision guide

    @property
    def plural(self) -> str:
        return self.label + "s"


KINDS: tuple[Kind, ...] = (
    Kind("web-framework", "Web framework", "web", snippets=True, must_cover=True, in_guide=True),
    Kind("api-toolkit", "API toolkit", "web", snippets=True, must_cover=True, in_guide=True),
    Kind("realtime-extension", "Real-time extension", "web", snippets=True, must_cover=False, in_guide=True),
    Kind("rpc-framework", "RPC/event framework", "web", snippets=True, must_cover=False, in_guide=True),
    Kind("task-queue", "Task queue", "queues", snippets=True, must_cover=False, in_guide=False),
    Kind("server", "Server", "servers", snippets=False, must_cover=False, in_guide=False),
)
#: The feature matrices of the compare page, in order: id suffix (and anchor) -> title.
MATRICES: dict[str, str] = {
    "web": "Web frameworks and API toolkits",
    "queues": "Task queues",
    "servers": "Production servers",
}

BY_ID: dict[str, Kind] = {k.id: k for k in KINDS}
KIND_LABELS: dict[str, str] = {k.id: k.label for k in KINDS}
SNIPPET_KINDS: tuple[str, ...] = tuple(k.id for k in KINDS if k.snippets)
MUST_COVER_KINDS: tuple[str, ...] = tuple(k.id for k in KINDS if k.must_cover)
GUIDE_KINDS: tuple[str, ...] = tuple(k.id for k in KINDS if k.in_guide)


def matrix_kinds(matrix: str) -> tuple[str, ...]:
    """The kinds shown in one feature matrix."""
    return tuple(k.id for k in KINDS if k.matrix == matrix)


#: (id suffix and anchor, title, kinds) of each feature matrix, for the pages that list them.
FEATURE_MATRICES: list[tuple[str, str, tuple[str, ...]]] = [(m, title, matrix_kinds(m)) for m, title in MATRICES.items()]
