"""mkdocs hook: one page per entry at /frameworks/<id>/ and per task at /tasks/<id>/, from data;
per matrix an embeddable page at /embed/<matrix-id>/ and downloads/<matrix-id>.csv|.json|.md; what
changed (/changes/, /changes/release/, Atom feeds under /feeds/, from the git history of data/); the
static JSON API under /api/v1/ with its schemas, and the data schemas under /schemas/.

The page body is a macro call, so the macros plugin renders it like any other page; no
Markdown file per framework is ever written by hand. Embeds and downloads come from the same
table model as the pages (atlas.site.tables). Helpers are underscored because mkdocs takes every
`on_*` function in a hooks file as an event handler.
"""

from __future__ import annotations

import json
import os

from mkdocs.structure.files import File, Files

from atlas.core.benchmarks import run_to_data
from atlas.core.catalog import DATA_DIR as DATA_FOLDER
from atlas.core.catalog import ROOT, load_catalog_once
from atlas.site import api, changes, pages
from atlas.site.bench_render import PLOTLY
from atlas.site.cite import site_version
from atlas.site.explore import DATA_DIR, bench_figures, entry_data, guide_data, snippet_files
from atlas.site.export import DOWNLOADS, embed_page
from atlas.site.history import read_history, release_changes
from atlas.site.inert import generated_page, restore, restore_toc
from atlas.site.inert import html as e
from atlas.site.render import MATRICES, base_for
from atlas.site.tables import all_tables, snapshot_date

#: The partial Plotly bundle, installed from npm by `make` (never committed); see the Makefile.
PLOTLY_SOURCE = ROOT / ".cache" / "npm" / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"


#: {source path: body} of the pages this hook generates, filled in by on_page_markdown.
_BODIES: dict[str, pages.Body] = {}


def on_config(config):
    """Expand the nav's "Frameworks" and "Tasks" items into every entry and task."""
    catalog = load_catalog_once()
    frameworks = [{"Overview": "frameworks/index.md"}]
    for _anchor, title, kinds in MATRICES:
        group = catalog.of_kinds(kinds)
        if group:
            # Escaped: the theme writes nav titles as HTML, and these come from data.
            frameworks.append({title: [{e(x.name): f"frameworks/{x.id}.md"} for x in group]})
    tasks = [{"Overview": "tasks/index.md"}] + [{e(t.title): f"tasks/{t.id}.md"} for t in catalog.tasks.values()]
    expanded = {"Frameworks": frameworks, "Tasks": tasks}
    nav = []
    for item in config.nav:
        title = next(iter(item)) if isinstance(item, dict) else None
        nav.append({title: expanded[title]} if title in expanded else item)
    config.nav = nav
    # Every page's footer names the version (mike sets MIKE_DOCS_VERSION when it builds one) and
    # the data snapshot: the newest date on which a fact was verified.
    version = site_version()
    if not version:
        # Material's version selector fetches /versions.json, which only a mike deployment has:
        # elsewhere (make build, make serve, the tests) it would be a 404 on every page.
        config.extra.pop("version", None)
    shown = f"Version {e(version)}" if version else "Unreleased build"
    config.copyright = f'<span class="atlas-version">{shown} · data snapshot {snapshot_date(catalog).isoformat()}</span>'
    return config


def on_files(files: Files, config) -> Files:
    catalog = load_catalog_once()
    _BODIES.clear()
    # What changed: the git history of data/, read once per build (never fails: without history the
    # pages and feeds say what is known). The release page compares with the previous mike release.
    log = changes.ChangeLog(
        read_history(DATA_FOLDER), release_changes(DATA_FOLDER, os.environ.get("MIKE_DOCS_VERSION")), config.repo_url
    )
    for path, (title, body) in pages.sources(catalog, log).items():
        files.append(File.generated(config, path, content=generated_page(title)))
        _BODIES[path] = body
    if not PLOTLY_SOURCE.exists():
        raise FileNotFoundError(f"{PLOTLY_SOURCE} is missing: `make assets` installs it from npm")
    files.append(File.generated(config, PLOTLY, abs_src_path=str(PLOTLY_SOURCE)))
    for run_id, run in catalog.benchmarks.items():  # raw data for download, beside the charts
        files.append(
            File.generated(config, f"benchmarks/{run_id}.yaml", abs_src_path=str(ROOT / "data" / "benchmarks" / f"{run_id}.yaml"))
        )
        files.append(File.generated(config, f"benchmarks/{run_id}.json", content=json.dumps(run_to_data(run), indent=1)))
    for table_id, table in all_tables(catalog).items():
        files.append(File.generated(config, f"embed/{table_id}/index.html", content=embed_page(table)))
        for ext, fmt in DOWNLOADS.items():
            # A source name ending in .md would make mkdocs render the Markdown download as a page.
            download = File.generated(config, f"downloads/{table_id}.{ext}.download", content=fmt.write(table))
            download.dest_uri = f"downloads/{table_id}.{ext}"
            files.append(download)
    _add_explore_data(files, config, catalog)
    _add_feeds_and_api(files, config, catalog, log)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A generated page's body, from data (its front matter says render_macros: false)."""
    body = _BODIES.get(page.file.src_uri)
    return markdown if body is None else body(load_catalog_once(), base_for(page.url))


def on_page_content(html: str, page, config, files) -> str:
    """Every page: the HTML that travelled through Markdown as atlas.site.inert tokens, put back."""
    restore_toc(list(page.toc))
    return restore(html)


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _add_feeds_and_api(files: Files, config, catalog, log: changes.ChangeLog) -> None:
    """The Atom feeds, the JSON API documents, and the schemas they follow."""
    files.append(File.generated(config, changes.SITE_FEED, content=changes.site_feed(catalog, log)))
    for entry in catalog:
        files.append(
            File.generated(config, changes.entry_feed_path(entry.id), content=changes.entry_feed(catalog, entry.id, log))
        )
    for path, document in api.documents(catalog).items():
        files.append(File.generated(config, path, content=api.dump(document)))
    for path, schema in api.schemas().items():
        files.append(File.generated(config, path, content=api.dump(schema)))


def _add_explore_data(files: Files, config, catalog) -> None:
    """What the side-by-side picker and the guide fetch: one JSON per entry, the guide's JSON, the snippet files."""
    bench = bench_figures(catalog)
    for entry in catalog:
        files.append(
            File.generated(config, f"{DATA_DIR}/entries/{entry.id}.json", content=_json(entry_data(catalog, entry, bench)))
        )
    files.append(File.generated(config, f"{DATA_DIR}/guide.json", content=_json(guide_data(catalog))))
    for path in snippet_files(catalog):
        files.append(File.generated(config, path, abs_src_path=str(ROOT / path)))
