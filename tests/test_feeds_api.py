"""What changed (Atom feeds, /changes/ pages) and the static JSON API (/api/v1/), read back from the built site.

Feeds are read with feedparser (a real Atom parser) and checked against RFC 4287's required elements;
API documents are validated with jsonschema against the schemas the site itself publishes, found by
their `$id`. The git history is real: the shared site is built from this repository, and the
shallow-clone and release cases run git on small repositories made here.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import jsonschema
import markdown
import pytest
from referencing import Registry, Resource

from atlas.core.catalog import DATA_DIR, load_catalog
from atlas.site import api
from atlas.site.changes import ChangeLog, release_page, site_feed
from atlas.site.history import Change, FileChange, History, Release, ReleaseChanges, read_history, release_changes
from atlas.site.inert import restore
from tests.conftest import TEST_DATA
from tests.htmlscan import Page

ATOM = "{http://www.w3.org/2005/Atom}"


# --- helpers -------------------------------------------------------------------------------------


def _resolve(site: Path, document: Path, href: str) -> Path:
    """A relative reference in a file of the site, as the file it names (a folder: its index.html)."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, f"{document.name}: {href} leaves the site"
    target = (document.parent / parts.path).resolve() if parts.path else document
    if target.is_dir():
        target = target / "index.html"
    assert target.is_file(), f"{document.relative_to(site)} links to missing {href}"
    assert site.resolve() in target.parents, f"{href} resolves outside the site"
    if parts.fragment and target.suffix == ".html":
        assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), f"{href}: no element with that id"
    return target


def _atom_required(path: Path) -> None:
    """RFC 4287 4.1.1 and 4.1.2: a feed and each entry have exactly one id, title and updated; an
    author on the feed or on every entry; an entry without content has an alternate link."""
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{ATOM}feed", root.tag
    for element in [root, *root.findall(f"{ATOM}entry")]:
        for name in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{name}")) == 1, (path.name, element.tag, name)
        for text in element:
            if text.tag in (f"{ATOM}title", f"{ATOM}subtitle", f"{ATOM}content", f"{ATOM}summary", f"{ATOM}rights"):
                assert text.get("type", "text") == "text", f"{path.name}: {text.tag} is {text.get('type')}, not text"
    assert root.findall(f"{ATOM}author") or all(e.findall(f"{ATOM}author") for e in root.findall(f"{ATOM}entry"))


def _read_feed(site: Path, rel: str) -> feedparser.FeedParserDict:
    path = site / rel
    parsed = feedparser.parse(
        path.read_bytes(),
        response_headers={"content-location": f"https://atlas.invalid/{rel}", "content-type": "application/atom+xml"},
    )
    assert not parsed.bozo, f"{rel}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10", (rel, parsed.version)
    _atom_required(path)
    assert parsed.feed.get("updated_parsed"), rel
    for entry in parsed.entries:
        assert entry.get("updated_parsed"), (rel, entry.get("title"))
        assert entry.title and entry.id.startswith("urn:uuid:"), (rel, entry.get("id"))
        assert entry.get("content") and entry.content[0].type == "text/plain", rel
    return parsed


def _site_links(site: Path, rel: str, hrefs: list[str]) -> None:
    """feedparser resolves links against the feed's address: here https://atlas.invalid/ stands for the site."""
    for href in hrefs:
        if href.startswith("https://atlas.invalid/"):
            local = href.removeprefix("https://atlas.invalid/")
            _resolve(site, site / "index.html", local)
        else:
            assert href.startswith("https://"), f"{rel}: {href}"


# --- feeds of the real site ----------------------------------------------------------------------


def test_site_feed_is_atom_with_dated_changes_that_link_into_the_site(site: Path):
    feed = _read_feed(site, "feeds/changes.atom")
    history = read_history(DATA_DIR)
    assert history.complete, history.note  # this repository has its history
    assert len(feed.entries) == min(len(history.changes), 50) > 0
    assert [e.title for e in feed.entries][:3] == [c.subject for c in history.changes][:3]
    links = [feed.feed.link] + [link.href for e in feed.entries for link in e.links]
    _site_links(site, "feeds/changes.atom", links)
    assert feed.feed.link == "https://atlas.invalid/changes/"
    assert any(link.rel == "self" and link.href == "https://atlas.invalid/feeds/changes.atom" for link in feed.feed.links)


def test_every_entry_has_a_feed_linked_from_its_page_and_holding_its_own_changes(site: Path):
    catalog = load_catalog(DATA_DIR)
    everything = {e.id: e for e in _read_feed(site, "feeds/changes.atom").entries}
    with_changes = 0
    for entry in catalog:
        rel = f"feeds/{entry.id}.atom"
        feed = _read_feed(site, rel)
        _site_links(site, rel, [feed.feed.link] + [link.href for e in feed.entries for link in e.links])
        assert feed.feed.link == f"https://atlas.invalid/frameworks/{entry.id}/"
        for item in feed.entries:  # each is a change of the whole site's feed that names this entry's file
            if item.id in everything:
                assert f"data/frameworks/{entry.id}.yaml" in everything[item.id].content[0].value
        with_changes += bool(feed.entries)
        page = site / "frameworks" / entry.id / "index.html"
        assert f"../../feeds/{entry.id}.atom" in Page(page.read_text(encoding="utf-8")).links, entry.id
    assert with_changes == len(catalog.entries)  # every entry was added by some commit


def test_changes_page_lists_every_change_with_its_date(site: Path):
    page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    for change in read_history(DATA_DIR).changes:
        assert f'id="c-{change.short}"' in page
        assert f'<time datetime="{change.date.isoformat()}">{change.date.date().isoformat()}</time>' in page
    release = (site / "changes" / "release" / "index.html").read_text(encoding="utf-8")
    assert "Nothing to compare this unreleased build with" in release or "since release" in release


def test_a_build_without_history_says_so_and_still_has_dated_feeds(fixture_site: Path):
    """The fixture site is built from a temporary data folder, outside any repository: a tarball's case."""
    feed = _read_feed(fixture_site, "feeds/changes.atom")
    assert "git history of the data was not available" in feed.feed.subtitle
    assert [e.title for e in feed.entries] == ["Change history incomplete in this build"]
    for entry_id in ("alpha", "evil"):  # evil: the injection fixture's entry, its name full of markup
        entry_feed = _read_feed(fixture_site, f"feeds/{entry_id}.atom")
        assert "facts last verified" in entry_feed.entries[0].title
    assert "Incomplete:" in (fixture_site / "changes" / "index.html").read_text(encoding="utf-8")


# --- history from real git repositories ----------------------------------------------------------


def _git(cwd: Path, *args: str) -> str:
    env_args = ["-c", "user.name=Atlas test", "-c", "user.email=test@atlas.invalid", "-c", "init.defaultBranch=main"]
    return subprocess.run(["git", *env_args, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def _commit(repo: Path, path: str, text: str, subject: str, date: str) -> str:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text)
    _git(repo, "add", path)
    env = f"GIT_COMMITTER_DATE={date}"
    subprocess.run(
        ["env", env, "git", "-c", "user.name=T", "-c", "user.email=t@atlas.invalid", "commit", "-q", "-m", subject],
        cwd=repo,
        check=True,
    )
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _commit(repo, "data/frameworks/a.yaml", "id: a\n", "Add a", "2026-01-01T10:00:00+00:00")
    _commit(repo, "docs/x.md", "x\n", "Docs only", "2026-01-02T10:00:00+00:00")
    _commit(repo, "data/frameworks/a.yaml", "id: a # changed\n", "Change a", "2026-01-03T10:00:00+00:00")
    _commit(repo, "data/tasks/t.yaml", "id: t\n", "Add t", "2026-01-04T10:00:00+00:00")
    return repo


def test_history_lists_data_commits_only_with_their_files(repo: Path):
    history = read_history(repo / "data")
    assert history.complete and not history.note
    assert [c.subject for c in history.changes] == ["Add t", "Change a", "Add a"]
    assert history.changes[0].files == (FileChange("added", "tasks/t.yaml"),)
    assert history.changes[1].files == (FileChange("modified", "frameworks/a.yaml"),)
    assert history.changes[1].date.isoformat() == "2026-01-03T10:00:00+00:00"


def test_a_shallow_clone_keeps_what_it_knows_and_drops_its_boundary(repo: Path, tmp_path: Path):
    shallow = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(shallow))
    history = read_history(shallow / "data")
    assert not history.complete and "shallow clone" in history.note
    # The boundary commit ("Change a") would show as adding every file: it is left out.
    assert [c.subject for c in history.changes] == ["Add t"]


def test_release_changes_are_the_commits_since_the_previous_release(repo: Path):
    released = _git(repo, "rev-parse", "--short", "HEAD~2")  # the release was built at "Docs only"
    _git(repo, "checkout", "-q", "--orphan", "gh-pages")
    _git(repo, "rm", "-rq", "--cached", ".")
    versions = [{"version": "2026.01", "title": "2026.01", "aliases": ["latest"]}]
    (repo / "versions.json").write_text(json.dumps(versions))
    _git(repo, "add", "versions.json")
    _git(repo, "commit", "-q", "-m", f"Deployed {released} to 2026.01 with MkDocs 1.6.1 and mike 2.2.0")
    _git(repo, "checkout", "-q", "-f", "main")
    found = release_changes(repo / "data", "2026.02")
    assert found.previous and found.previous.version == "2026.01" and found.previous.commit == released
    assert [c.subject for c in found.changes] == ["Add t", "Change a"]
    assert release_changes(repo / "data", None).previous.version == "2026.01"  # an unreleased build: since the newest
    redeploy = release_changes(repo / "data", "2026.01")  # no release older than itself
    assert redeploy.previous is None and redeploy.note


def test_release_page_names_the_previous_release_and_lists_its_changes():
    catalog = load_catalog(TEST_DATA / "valid")
    when = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)
    change = Change("b" * 40, when, "Correct alpha's licence", (FileChange("modified", "frameworks/alpha.yaml"),))
    found = ReleaseChanges("2026.12", Release("2026.11", "abc1234", when - dt.timedelta(days=30)), [change])
    page = release_page(catalog, ChangeLog(History([change], True), found), "../../")
    html = restore(markdown.markdown(page))
    assert "release <strong>2026.11</strong>" in html and "<code>abc1234</code> on 2026-11-01" in html
    assert f'<tr id="c-{change.short}">' in html and '<a href="../../frameworks/alpha/">' in html


def test_history_outside_a_repository_is_empty_and_says_why(tmp_path: Path):
    shutil.copytree(TEST_DATA / "valid", tmp_path / "data")
    history = read_history(tmp_path / "data")
    assert history.changes == [] and not history.complete and "not available" in history.note


def test_feed_text_from_data_is_escaped_plain_text():
    catalog = load_catalog(TEST_DATA / "valid")
    subject = '<script>alert(1)</script> & "q" \u202e \x01 {{ 7*6 }}'
    when = dt.datetime(2026, 11, 21, 6, 0, tzinfo=dt.UTC)
    change = Change("a" * 40, when, subject, (FileChange("modified", "frameworks/flask.yaml"),))
    xml = site_feed(catalog, ChangeLog(History([change], True, ""))).decode()
    assert "<script>" not in xml and "&lt;script&gt;" in xml and "\x01" not in xml and "\u202e" not in xml
    parsed = feedparser.parse(xml)
    assert parsed.entries[0].title == '<script>alert(1)</script> & "q" [U+202E] [U+0001] {{ 7*6 }}'
    assert parsed.entries[0].title_detail.type == "text/plain"


# --- the JSON API ----------------------------------------------------------------------------------


def _published_schemas(site: Path) -> tuple[Registry, dict[str, dict]]:
    """Every schema the site publishes, registered under its $id, which names its own path."""
    found = {}
    for path in [*(site / "api" / "v1" / "schemas").glob("*.json"), *(site / "schemas").glob("*.json")]:
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$id"] == "https://atlas.invalid/" + path.relative_to(site).as_posix(), path
        jsonschema.Draft202012Validator.check_schema(schema)
        found[schema["$id"]] = schema
    return Registry().with_resources((i, Resource.from_contents(s)) for i, s in found.items()), found


def _validator(site: Path, document_path: Path, document: dict) -> jsonschema.Draft202012Validator:
    registry, schemas = _published_schemas(site)
    schema_file = _resolve(site, document_path, document["schema"])
    schema = schemas["https://atlas.invalid/" + schema_file.relative_to(site.resolve()).as_posix()]
    return jsonschema.Draft202012Validator(schema, registry=registry)


def _urls(document: dict) -> list[str]:
    """Every relative URL of a document outside `data` (which holds the data's own https links)."""
    found = [document["schema"], *document["links"].values()]
    return found + [f["page"] for f in document.get("frameworks", [])]


def test_every_api_document_validates_against_its_published_schema(site: Path):
    root = site / "api" / "v1"
    index_path = root / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    _validator(site, index_path, index).validate(index)
    listed = {_resolve(site, index_path, d["url"]) for d in index["documents"]}
    on_disk = {p.resolve() for p in root.rglob("*.json") if "schemas" not in p.relative_to(root).parts and p.name != "index.json"}
    assert listed == on_disk, "index.json lists every document, and only those"
    for entry_id, href in index["feeds"]["entries"].items():
        assert _resolve(site, index_path, href).name == f"{entry_id}.atom"
    for schema in index["schemas"]:
        assert _resolve(site, index_path, schema["url"])
    catalog = load_catalog(DATA_DIR)
    kinds = set()
    for item in index["documents"]:
        path = _resolve(site, index_path, item["url"])
        document = json.loads(path.read_text(encoding="utf-8"))
        _validator(site, path, document).validate(document)
        assert document["kind"] == item["kind"] and document["id"] == item["id"]
        assert document["license"]["id"] == "CC-BY-4.0" and document["generated_at"] == index["generated_at"]
        for href in _urls(document):
            _resolve(site, path, href)
        if item["kind"] == "entry":
            entry = catalog[item["id"]]
            assert document["purl"] == item["purl"] == api.purl(entry.package)
            assert document["purl"].startswith("pkg:pypi/")
            assert document["data"] == entry.doc.data
        else:
            assert document["frameworks"], item
            assert all(f["purl"].startswith("pkg:pypi/") for f in document["frameworks"])
        kinds.add(item["kind"])
    assert kinds == {"entry", "task", "claims", "benchmark-run"}
    assert len([d for d in index["documents"] if d["kind"] == "entry"]) == len(catalog.entries)


def test_a_broken_document_fails_its_schema(site: Path):
    """The validation above can fail: each of these breaks the published contract."""
    path = site / "api" / "v1" / "entries" / "flask.json"
    good = json.loads(path.read_text(encoding="utf-8"))
    validator = _validator(site, path, good)
    validator.validate(good)

    def broken(change) -> dict:
        doc = copy.deepcopy(good)
        change(doc)
        return doc

    cases = {
        "no purl": broken(lambda d: d.pop("purl")),
        "not a purl": broken(lambda d: d.update(purl="pypi:flask")),
        "no licence": broken(lambda d: d.pop("license")),
        "another licence": broken(lambda d: d["license"].update(id="MIT")),
        "unknown field": broken(lambda d: d.update(extra=1)),
        "bad date": broken(lambda d: d.update(generated_at="yesterday")),
        "bad data": broken(lambda d: d["data"].pop("facts")),
        "absolute link": broken(lambda d: d["links"].update(page="https://example.org/")),
    }
    for why, doc in cases.items():
        assert not validator.is_valid(doc), why
    benchmark = site / "api" / "v1" / "benchmarks" / "latest.json"
    doc = json.loads(benchmark.read_text(encoding="utf-8"))
    doc["frameworks"][0]["purl"] = "pkg:npm/flask"
    assert not _validator(site, benchmark, doc).is_valid(doc)


def test_package_urls_are_normalised_and_carry_the_measured_version(site: Path):
    assert api.purl("Flask_RESTful") == "pkg:pypi/flask-restful"
    assert api.purl("djangorestframework", "3.16.1") == "pkg:pypi/djangorestframework@3.16.1"
    run = load_catalog(DATA_DIR).latest_run
    doc = json.loads((site / "api" / "v1" / "benchmarks" / "latest.json").read_text(encoding="utf-8"))
    assert doc["id"] == run.id
    flask = next(f for f in doc["frameworks"] if f["id"] == "flask")
    assert flask["purl"] == f"pkg:pypi/flask@{run.frameworks['flask'].versions['flask']}"
