"""The server-rendered part of the side-by-side picker and the decision guide.

The forms are written here from the catalog (escaped like every other page) and rendered
`hidden`; docs/js/explore.js shows them and builds the results from the JSON of atlas.explore.
Without JavaScript the page says what it needs and links to the pages that hold the same data.
"""

from __future__ import annotations

from atlas.core.catalog import Catalog
from atlas.core.kinds import GUIDE_KINDS, KIND_LABELS, SNIPPET_KINDS
from atlas.site.explore import DATA_DIR, TEAM_BASES, questions
from atlas.site.render import e


def _shell(kind: str, base: str, nojs: str, form: str) -> str:
    return (
        f'<div class="atlas-explore" data-explore="{kind}" data-base="{e(base)}" data-data="{DATA_DIR}/">\n'
        f'<p class="atlas-nojs">{nojs}</p>\n'
        f"{form}\n"
        '<div class="atlas-out" aria-live="polite"></div>\n'
        "</div>\n"
        f'<script src="{base}js/explore.js" defer></script>\n<script src="{base}js/{kind}.js" defer></script>'
    )


def _fallback(base: str, what: str) -> str:
    return (
        f"{what} is built in your browser and needs JavaScript. The same data is on "
        f'<a href="{base}frameworks/">each framework\'s page</a> and in <a href="{base}compare/">the matrices</a>.'
    )


def _entry_options(catalog: Catalog) -> str:
    groups = []
    for kind, label in KIND_LABELS.items():
        options = "".join(f'<option value="{e(x.id)}">{e(x.name)}</option>' for x in catalog.of_kinds((kind,)))
        if options:
            groups.append(f'<optgroup label="{e(label)}s">{options}</optgroup>')
    return '<option value="">—</option>' + "".join(groups)


def side_by_side(catalog: Catalog, base: str) -> str:
    """Two or three selects of entries and one of tasks; the view appears under them."""
    # The options are written once, in the first select; pick.js copies them into the others.
    selects = "".join(
        f'<label>{label}<br><select name="{name}">{_entry_options(catalog) if name == "a" else ""}</select></label>'
        for name, label in (("a", "First"), ("b", "Second"), ("c", "Third (optional)"))
    )
    kinds = set(SNIPPET_KINDS)
    tasks = "".join(
        f'<option value="{e(t.id)}">{e(t.title)}</option>' for t in catalog.tasks.values() if kinds & set(t.applies_to)
    )
    task = f'<label>Code for the task<br><select name="task">{tasks}</select></label>'
    form = f'<form class="atlas-pick" hidden>{selects}{task}</form>'
    return _shell("pick", base, _fallback(base, "This comparison"), form)


def decision_guide(catalog: Catalog, base: str) -> str:
    """The guide's answers as checkboxes and radios; explore.js ranks the entries against them."""
    needs = "".join(f'<label><input type="checkbox" name="need" value="{q.id}"> {e(q.label)}</label>' for q in questions(catalog))
    form = f"<fieldset><legend>What must it have?</legend>{needs}</fieldset>"
    teams = [t for t in TEAM_BASES if t in catalog.entries]
    if teams:
        radios = '<label><input type="radio" name="team" value="" checked> No preference</label>'
        radios += "".join(
            f'<label><input type="radio" name="team" value="{e(t)}"> {e(catalog[t].name)} or built on it</label>' for t in teams
        )
        form += f"<fieldset><legend>Is your team already on one?</legend>{radios}</fieldset>"
    kinds = ", ".join(KIND_LABELS[k] + "s" for k in GUIDE_KINDS)
    return f"<p>It ranks the entries of these kinds: {e(kinds)}.</p>\n" + _shell(
        "guide", base, _fallback(base, "This guide"), f'<form class="atlas-guide" hidden>{form}</form>'
    )
