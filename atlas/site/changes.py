"""What changed: the /changes/ pages and the Atom feeds, from the git history of data/ (atlas.site.history).

- `/feeds/changes.atom`: every change to the data, newest first (the newest FEED_SIZE);
- `/feeds/<entry-id>.atom`: the changes to one entry's file, data/frameworks/<id>.yaml;
- `/changes/`: the same list as a page, each change with its date, subject and files;
- `/changes/release/`: the changes since the previous release of the site (atlas.site.history says
  how a release and its changes are defined).

The feeds are written by feedgen (a maintained Atom library, on lxml, which escapes XML); every text
construct is `type="text"`, so no reader parses a value as HTML, and goes through
atlas.site.inert.feed_text. Links are relative to the feed's own address (RFC 4287 resolves them
against it), so a feed works under any host and under a mike version folder; ids are name-based
UUIDs (RFC 4122), the same wherever the site is served. Pages carry their HTML as inert tokens.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from feedgen.feed import FeedGenerator

from atlas.core.catalog import Catalog
from atlas.site.history import Change, FileChange, History, ReleaseChanges
from atlas.site.inert import block, feed_text, markdown
from atlas.site.inert import html as e
from atlas.site.render import entry_url
from atlas.site.search import UNINDEXED, unindexed
from atlas.site.tables import snapshot_date

SITE_FEED = "feeds/changes.atom"
CHANGES_PAGE = "changes/"
RELEASE_PAGE = "changes/release/"
#: How many of the newest changes a feed holds (the page lists them all).
FEED_SIZE = 50
#: How many of an entry's newest changes its page shows.
ENTRY_PAGE_SIZE = 5
LICENSE_NOTE = "Data under CC BY 4.0 (see LICENSE-DATA); commit subjects are the contributors' own words."
_NS = uuid.UUID("6f1d7c0e-3b4a-5d2e-9f80-a7c1b2d3e4f5")  # this project's namespace for name-based ids
_ATOM = "application/atom+xml"


def entry_feed_path(entry_id: str) -> str:
    return f"feeds/{entry_id}.atom"


@dataclass(frozen=True)
class ChangeLog:
    """What the change pages and feeds are built from: read once per build by the hook."""

    history: History = field(default_factory=History)
    release: ReleaseChanges | None = None
    #: The repository's https address (mkdocs.yml repo_url): commits link there only when it is set.
    repo_url: str | None = None

    def commit_url(self, change: Change) -> str | None:
        if not self.repo_url or not self.repo_url.startswith("https://"):
            return None
        return f"{self.repo_url.rstrip('/')}/commit/{change.commit}"

    def for_entry(self, entry_id: str) -> list[Change]:
        return [c for c in self.history.changes if c.touches_entry(entry_id)]


def _urn(name: str) -> str:
    return uuid.uuid5(_NS, name).urn


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


# --- words for a file --------------------------------------------------------------------------


def _file_label(catalog: Catalog, f: FileChange) -> str:
    """Plain text: `Flask (data/frameworks/flask.yaml, modified)`."""
    folder, _, name = f.path.partition("/")
    stem = name.removesuffix(".yaml")
    named = None
    if f.entry_id and f.entry_id in catalog.entries:
        named = catalog[f.entry_id].name
    elif folder == "tasks" and stem in catalog.tasks:
        named = catalog.tasks[stem].title
    where = f"data/{f.path}, {f.status}"
    return f"{named} ({where})" if named else where


def _file_html(catalog: Catalog, f: FileChange, base: str) -> str:
    folder, _, name = f.path.partition("/")
    stem = name.removesuffix(".yaml")
    path = f"<code>data/{e(f.path)}</code> {e(f.status)}"
    if f.entry_id and f.entry_id in catalog.entries:
        return f'<a href="{entry_url(f.entry_id, base)}">{e(catalog[f.entry_id].name)}</a>: {path}'
    if folder == "tasks" and stem in catalog.tasks:
        return f'<a href="{base}tasks/{e(stem)}/">{e(catalog.tasks[stem].title)}</a>: {path}'
    if folder == "claims":
        return f'<a href="{base}claims/">Claims checked</a>: {path}'
    if folder == "benchmarks":
        return f'<a href="{base}benchmarks/">Benchmarks</a>: {path}'
    return path


# --- feeds -------------------------------------------------------------------------------------


def _feed(feed_id: str, title: str, subtitle: str, page: str, self_href: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(_urn(feed_id))
    fg.title(feed_text(title))
    fg.subtitle(feed_text(subtitle))
    fg.link(href=page, rel="alternate", type="text/html")
    fg.link(href=self_href, rel="self", type=_ATOM)
    fg.author(name="The Atlas contributors")
    fg.rights(LICENSE_NOTE)
    fg.generator("The Atlas (feedgen)")
    fg.language("en")
    return fg


def _add_change(fg: FeedGenerator, catalog: Catalog, change: Change, log: ChangeLog, link: str) -> None:
    fe = fg.add_entry(order="append")
    fe.id(_urn(f"commit:{change.commit}"))
    fe.title(feed_text(change.subject or f"Commit {change.short}"))
    fe.updated(change.date)
    fe.published(change.date)
    fe.link(href=link, rel="alternate", type="text/html")
    url = log.commit_url(change)
    if url:
        fe.link(href=url, rel="related", type="text/html")
    files = "; ".join(_file_label(catalog, f) for f in change.files) or "no file listed"
    fe.content(feed_text(f"Commit {change.short} changed: {files}."), type="text")


def _add_note(fg: FeedGenerator, note_id: str, title: str, text: str, when: dt.datetime, link: str) -> None:
    """An entry that says what is not known (a build without history), dated by what is."""
    fe = fg.add_entry(order="append")
    fe.id(_urn(note_id))
    fe.title(feed_text(title))
    fe.updated(when)
    fe.link(href=link, rel="alternate", type="text/html")
    fe.content(feed_text(text), type="text")


def _source(log: ChangeLog) -> str:
    base = "Changes to the Atlas's data (entries, tasks, claims, benchmark runs) from the git history of data/ at build time."
    return f"{base} {log.history.note}" if log.history.note else base


def site_feed(catalog: Catalog, log: ChangeLog) -> bytes:
    """/feeds/changes.atom."""
    fg = _feed("feed:changes", "The Atlas: what changed", _source(log), f"../{CHANGES_PAGE}", "changes.atom")
    changes = log.history.changes[:FEED_SIZE]
    for change in changes:
        _add_change(fg, catalog, change, log, f"../{CHANGES_PAGE}#c-{change.short}")
    snapshot = _midnight(snapshot_date(catalog))
    if not log.history.complete:
        _add_note(
            fg,
            f"note:changes:{snapshot.date().isoformat()}:{len(changes)}",
            "Change history incomplete in this build",
            f"{log.history.note} The data is as of its snapshot date, {snapshot.date().isoformat()}.",
            min([snapshot, *(c.date for c in changes)]),
            f"../{CHANGES_PAGE}",
        )
    fg.updated(max([c.date for c in changes] or [snapshot]))
    return fg.atom_str(pretty=True)


def entry_feed(catalog: Catalog, entry_id: str, log: ChangeLog) -> bytes:
    """/feeds/<entry-id>.atom: the changes to data/frameworks/<entry-id>.yaml."""
    entry = catalog[entry_id]
    page = f"../{entry_url(entry_id, '')}"
    subtitle = f"Changes to the data of {entry.name} (data/frameworks/{entry_id}.yaml). {_source(log)}"
    fg = _feed(f"feed:entry:{entry_id}", f"The Atlas: {entry.name}", subtitle, page, f"{entry_id}.atom")
    changes = log.for_entry(entry_id)[:FEED_SIZE]
    for change in changes:
        _add_change(fg, catalog, change, log, f"../{CHANGES_PAGE}#c-{change.short}")
    verified = _midnight(max(f.verified for f in entry.facts.values()))
    if not log.history.complete:
        day = verified.date().isoformat()
        _add_note(
            fg,
            f"note:entry:{entry_id}:{day}",
            f"{entry.name}: facts last verified {day}",
            f"{log.history.note} What is known: the newest verification date of a fact of {entry.name} is {day}.",
            verified,
            page,
        )
    fg.updated(max([c.date for c in changes] or [verified]))
    return fg.atom_str(pretty=True)


# --- pages -------------------------------------------------------------------------------------


def _rows(catalog: Catalog, changes: list[Change], log: ChangeLog, base: str) -> str:
    rows = []
    for c in changes:
        files = "".join(f"<li>{_file_html(catalog, f, base)}</li>" for f in c.files)
        url = log.commit_url(c)
        commit = f'<a href="{e(url)}"><code>{e(c.short)}</code></a>' if url else f"<code>{e(c.short)}</code>"
        rows.append(
            f'<tr id="c-{e(c.short)}"><td><time datetime="{e(c.date.isoformat())}">{c.date.date().isoformat()}</time></td>'
            f"<td>{e(c.subject)} ({commit})</td><td><ul>{files}</ul></td></tr>"
        )
    return (
        f'<div class="atlas-facts atlas-changes" {UNINDEXED}><table><thead><tr><th scope="col">Date</th>'
        f'<th scope="col">Change</th><th scope="col">Files</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _note(text: str) -> str:
    return f'<p class="atlas-note"><strong>Incomplete:</strong> {e(text)}</p>' if text else ""


def changes_page(catalog: Catalog, log: ChangeLog, base: str) -> str:
    """/changes/: every change, newest first."""
    history = log.history
    intro = (
        "<p>Every change to the data this site is built from (framework entries, task contracts, checked claims "
        "and benchmark runs), newest first: one row per commit that touched <code>data/</code>, with its date, what it "
        "says it does and the files it changed. This list is read from the repository's git history when the site is "
        f'built. <a href="{base}{SITE_FEED}" type="{_ATOM}">Atom feed of all changes</a>; every framework\'s page '
        f'links to a feed of its own changes. <a href="{base}{RELEASE_PAGE}">What changed since the previous release</a>.</p>'
    )
    lines = [intro + _note(history.note), ""]
    if history.changes:
        lines += [_rows(catalog, history.changes, log, base)]
    else:
        lines += [f"<p>No change is known to this build; the data is as of {snapshot_date(catalog).isoformat()}.</p>"]
    return markdown(lines)


def release_page(catalog: Catalog, log: ChangeLog, base: str) -> str:
    """/changes/release/: the changes since the previous release."""
    rc = log.release
    current = f"release {e(rc.current)}" if rc and rc.current else "this unreleased build"
    lines = [
        "<p>A release is a version of this site deployed with mike (<code>make release</code>); its changes are the "
        "commits to <code>data/</code> that this build has and the previous release's source commit did not. The "
        "window is defined by commits, not by dates, because a fact is verified on one day and committed on another. "
        f'The full list is on <a href="{base}{CHANGES_PAGE}">What changed</a>.</p>',
        "",
    ]
    if rc is None or rc.previous is None:
        why = rc.note if rc else "No release information was read for this build."
        lines.append(f"<p>Nothing to compare {current} with: {e(why)}</p>")
        return markdown(lines)
    prev = rc.previous
    since = f" on {prev.date.date().isoformat()}" if prev.date else ""
    head = f"<p>Changes in {current} since release <strong>{e(prev.version)}</strong>"
    head += f" (built from commit <code>{e(prev.commit)}</code>{since}): {len(rc.changes)} commit(s).</p>"
    lines += [head + _note(rc.note), ""]
    if rc.changes:
        lines.append(_rows(catalog, rc.changes, log, base))
    return markdown(lines)


def entry_changes(catalog: Catalog, entry_id: str, log: ChangeLog, base: str) -> str:
    """The framework page's section: its newest changes and its feed."""
    changes = log.for_entry(entry_id)
    feed = f'<a href="{base}{entry_feed_path(entry_id)}" type="{_ATOM}">Atom feed of changes to this entry</a>'
    items = "".join(
        f'<li><time datetime="{e(c.date.isoformat())}">{c.date.date().isoformat()}</time>: '
        f'<a href="{base}{CHANGES_PAGE}#c-{e(c.short)}">{e(c.subject)}</a></li>'
        for c in changes[:ENTRY_PAGE_SIZE]
    )
    listed = f"<ul>{items}</ul>" if items else "<p>No change to this entry is known to this build.</p>"
    text = (
        f"<p>Changes to <code>data/frameworks/{e(entry_id)}.yaml</code>, newest first. {feed} · "
        f'<a href="{base}{CHANGES_PAGE}">all changes</a>.</p>{_note(log.history.note)}{listed}'
    )
    return "\n".join(["## Changes", "", block(unindexed(text))])
