"""What the site says an entry was tested with: the version its snippets pin beside the latest
release (with a mark, and why when known, where the pin is behind), and the Python versions its
snippets were checked on (data/python-versions, newest file), linked to the run that showed each.

Until a results file exists the words are "tested on CPython 3.11 only", never nothing. Every page,
matrix, export and API document takes its words from here; data strings leave only through
atlas.site.inert.
"""

from __future__ import annotations

from atlas.core.catalog import Catalog, Entry
from atlas.core.pyversions import Mark, entry_marks, task_marks
from atlas.core.snippets import PYTHON, pinned_version
from atlas.site.inert import html as e
from atlas.site.table_model import Cell, Column

#: What pages say until the Python-versions workflow has committed results.
ONLY = f"tested on CPython {PYTHON} only"
SYMBOL = {"passed": "✓", "failed": "✗", "not-installable": "not installable", "not-run": "not run"}
TESTED_COLUMN = Column(
    "tested_version",
    "Tested with",
    "The version the snippets pin (snippets/<id>/requirements.lock) beside the latest release; "
    "⚠ marks a pin behind the latest, with why when known",
)


# --- tested version beside latest -------------------------------------------------------------------


def version_words(catalog: Catalog, entry: Entry) -> str:
    """ "5.2.19 (latest 6.1.3; behind: the latest needs Python >=3.12 ...)", in plain text."""
    found = pinned_version(catalog, entry)
    if found.tested is None:
        return "not tested (no snippet pins it)"
    words = found.tested
    via = f"under {', '.join(catalog[x].name for x in found.via)}" if found.via else ""
    if found.behind:
        why = f": {found.why}" if found.why else ""
        return f"{words} (behind the latest, {found.latest}{why})" + (f" {via}" if via else "")
    return f"{words} (the latest)" + (f" {via}" if via else "") if found.latest else words


def pinned_cell(catalog: Catalog, entry: Entry) -> Cell:
    """The "Tested with" cell of the feature matrices: the pin, marked ⚠ with the latest (and why)
    when it is behind; text formats get it all in words."""
    found = pinned_version(catalog, entry)
    if found.tested is None:
        return Cell(None, "not tested", mark="na", note="no snippet's lock pins this package")
    words = version_words(catalog, entry)
    if found.behind:
        behind = f"behind {found.latest}" + (f": {found.why}" if found.why else "")
        return Cell(found.tested, words, label=found.tested, icon="⚠", note=behind, tooltip=words, note_inline=True)
    return Cell(found.tested, found.tested, note=words, tooltip=words)


def versions_html(catalog: Catalog, entry: Entry, base: str) -> str:
    """The framework page's versions line: latest and tested side by side, then the Python versions."""
    found = pinned_version(catalog, entry)
    latest = e(found.latest or "unknown")
    parts = [f"Latest <strong>{latest}</strong>"]
    if found.tested is None:
        parts.append("not tested: no snippet pins it")
    else:
        tested = f"tested with <strong>{e(found.tested)}</strong>"
        if found.via:
            tested += " under " + ", ".join(f'<a href="{base}frameworks/{e(x)}/">{e(catalog[x].name)}</a>' for x in found.via)
        if found.behind:
            why = f": {e(found.why)}" if found.why else ""
            tested += f' <span class="atlas-stale" title="{e(found.why or "")}">⚠ behind the latest{why}</span>'
        parts.append(tested)
    pythons = entry_pythons_html(catalog, entry) if not found.via and found.tested else ""
    if pythons:
        parts.append(pythons)
    return f'<p class="atlas-versions">{" · ".join(parts)}</p>\n'


# --- Python versions --------------------------------------------------------------------------------


def _expected_failures(entry: Entry) -> frozenset[str]:
    return frozenset((entry.snippets or {}).get("known_failures", {}))


def _mark_words(mark: Mark) -> str:
    words = f"{mark.python} {SYMBOL[mark.state]}"
    return f"{words} ({mark.detail})" if mark.detail and mark.state == "failed" else words


def _mark_html(mark: Mark) -> str:
    tip = f"{mark.run.implementation}, run {mark.run.run_id} on {mark.run.date.isoformat()}"
    if mark.detail:
        tip += f": {mark.detail}"
    css = {"passed": "yes", "failed": "no"}.get(mark.state, "unknown")
    return f'<a class="atlas-{css}" href="{e(mark.run.run_url)}" title="{e(tip)}">{e(_mark_words(mark))}</a>'


def entry_python_words(catalog: Catalog, entry: Entry) -> str:
    """ "tested on CPython 3.11 only", or "Python 3.11 ✓, 3.12 ✓, 3.14t ✗ (fails x)"."""
    marks = entry_marks(catalog.python_results, entry.id, _expected_failures(entry))
    return "Python " + ", ".join(_mark_words(m) for m in marks) if marks else ONLY


def entry_pythons_html(catalog: Catalog, entry: Entry) -> str:
    marks = entry_marks(catalog.python_results, entry.id, _expected_failures(entry))
    if not marks:
        return e(ONLY)
    return "Python " + ", ".join(_mark_html(m) for m in marks)


def task_pythons_html(catalog: Catalog, entry: Entry, task_id: str) -> str:
    """One snippet's outcome per Python, each linked to its run; "tested on CPython 3.11 only" without results."""
    marks = task_marks(catalog.python_results, entry.id, task_id)
    return "Python " + ", ".join(_mark_html(m) for m in marks) if marks else e(ONLY)


def legend_words(catalog: Catalog) -> str:
    """The legend in plain words, for the coverage table's description (embeds and downloads carry it)."""
    results = catalog.python_results
    if results is None:
        return f"Tested means {ONLY}."
    runs = ", ".join(f"{p.python} (run {p.run_id}, {p.date.isoformat()})" for p in results.pythons)
    return f"Tested on CPython {PYTHON} here; also checked on Python {runs}."


def legend_html(catalog: Catalog) -> str:
    """The line under the coverage matrix: which Pythons "tested" covers, and which run showed it."""
    results = catalog.python_results
    if results is None:
        return (
            f'<p class="atlas-legend">✓ tested means the snippet passes its contract; {e(ONLY)} (the only Python '
            "the test machines install). Other Python versions are checked by the Python-versions workflow; "
            "no results of it are committed yet.</p>"
        )
    runs = ", ".join(
        f'<a href="{e(p.run_url)}" title="{e(p.implementation)}">{e(p.python)}</a> ({p.date.isoformat()})'
        for p in results.pythons
    )
    return (
        f'<p class="atlas-legend">✓ tested means the snippet passes its contract on CPython {e(PYTHON)} here; '
        f"the Python-versions workflow also checked it on Python {runs}: each framework's page and each task's "
        "tabs show the result per version.</p>"
    )


def python_json(catalog: Catalog, entry: Entry) -> dict:
    """The API entry document's `tested` block: versions side by side and the result per Python."""
    found = pinned_version(catalog, entry)
    out: dict = {"version": found.tested, "latest": found.latest, "behind": found.behind}
    if found.why:
        out["why_behind"] = found.why
    if found.via:
        out["under"] = list(found.via)
    marks = entry_marks(catalog.python_results, entry.id, _expected_failures(entry))
    out["summary"] = entry_python_words(catalog, entry)
    out["pythons"] = [
        {
            "python": m.python,
            "implementation": m.run.implementation,
            "result": m.state,
            **({"detail": m.detail} if m.detail else {}),
            "run": {"id": m.run.run_id, "url": m.run.run_url, "date": m.run.date.isoformat()},
        }
        for m in marks
    ]
    return out
