"""The static JSON API under /api/v1/: an index, one document per entry, task and claims file, and the
newest benchmark run, each with its JSON Schema published beside it (schemas/api/ in the repository,
/api/v1/schemas/ on the site), and the data schemas (schemas/*.json) at /schemas/.

A document is the data file as the loader read it (`data`, valid against the data schema) in an
envelope: `schema_version`, `generated_at`, `license`, `kind`, its own `schema`, package URLs
(`pkg:pypi/<name>`, built with packageurl-python) and links. JSON is raw data (atlas.site.inert): no
value is escaped or changed. Every URL is a relative reference, resolved against the address of the
document that holds it, so the API works under any host and under a mike version folder. The stability
promise and the licence are in data/README.md ("JSON API") and LICENSE-DATA.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
from functools import cache

from packageurl import PackageURL
from packaging.utils import canonicalize_name

from atlas.core.benchmarks import run_to_data
from atlas.core.catalog import Catalog, Entry
from atlas.core.claims import evaluate
from atlas.core.schema import SCHEMA_DIR
from atlas.core.snippets import status
from atlas.site.changes import SITE_FEED, entry_feed_path
from atlas.site.tables import snapshot_date
from atlas.site.tested import python_json

API = "api/v1/"
SCHEMA_VERSION = "1.1"  # 1.1: entries gained `tested`
#: `$id`s of the published schemas start with this: it stands for the site's root.
ID_ROOT = "https://atlas.invalid/"
LICENSE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "The Atlas of Python microservice frameworks and its contributors "
    "(name the Atlas and link to the page or document used)",
    "file": "LICENSE-DATA",
    "excludes": "Quotations from the seed articles (claims' `quote`) stay their authors' and are quoted, not licensed; "
    "names and logos of the projects described belong to them.",
}
#: A document's kind -> its schema, schemas/api/<name>.schema.json.
KINDS = {"index": "index", "entry": "entry", "task": "task", "claims": "claims", "benchmark-run": "benchmark"}


def generated_at() -> str:
    """The build time, UTC to the second; SOURCE_DATE_EPOCH (reproducible builds) when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now(dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def purl(package: str, version: str | None = None) -> str:
    """pkg:pypi/<name>[@version], the name normalised as the purl spec asks for PyPI."""
    return PackageURL(type="pypi", name=canonicalize_name(package), version=version).to_string()


def _rel(target: str, document: str) -> str:
    """`target` (a path from the site's root; a trailing / for a page) relative to `document`'s folder."""
    out = posixpath.relpath(target.rstrip("/") or ".", posixpath.dirname(document) or ".")
    return out + "/" if target.endswith("/") else out


def _schema_path(name: str) -> str:
    return f"{API}schemas/{name}.schema.json"


def _envelope(kind: str, path: str, today: str) -> dict:
    schema = KINDS[kind]
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": today,
        "license": LICENSE,
        "kind": kind,
        "schema": _rel(_schema_path(schema), path),
    }


def _framework(entry: Entry, path: str, version: str | None = None) -> dict:
    return {"id": entry.id, "purl": purl(entry.package, version), "page": _rel(f"frameworks/{entry.id}/", path)}


def documents(catalog: Catalog, when: str | None = None) -> dict[str, dict]:
    """{path under the site root: document} for every API document, the index last."""
    when = when or generated_at()
    out: dict[str, dict] = {}
    for entry in catalog:
        path = f"{API}entries/{entry.id}.json"
        out[path] = _envelope("entry", path, when) | {
            "id": entry.id,
            "purl": purl(entry.package),
            "links": {"page": _rel(f"frameworks/{entry.id}/", path), "feed": _rel(entry_feed_path(entry.id), path)},
            "tested": python_json(catalog, entry),
            "data": entry.doc.data,
        }
    for task in catalog.tasks.values():
        path = f"{API}tasks/{task.id}.json"
        frameworks = []
        for entry in catalog:
            state = status(catalog, entry, task)
            if state.state != "irrelevant":
                item = _framework(entry, path) | {"status": state.state}
                frameworks.append(item | {"reason": state.reason} if state.reason else item)
        out[path] = _envelope("task", path, when) | {
            "id": task.id,
            "links": {"page": _rel(f"tasks/{task.id}/", path)},
            "frameworks": frameworks,
            "data": task.doc.data if task.doc else {},
        }
    for article in catalog.claims.values():
        path = f"{API}claims/{article.id}.json"
        named = dict.fromkeys(f for c in article.claims for f in c.frameworks)
        out[path] = _envelope("claims", path, when) | {
            "id": article.id,
            "links": {"page": _rel("claims/", path)},
            "frameworks": [_framework(catalog[f], path) for f in named],
            "verdicts": {c.id: evaluate(c, catalog).verdict for c in article.claims},
            "data": article.doc.data if article.doc else {},
        }
    run = catalog.latest_run
    if run is not None:
        path = f"{API}benchmarks/latest.json"
        measured = [catalog[f] for f in run.frameworks if f in catalog.entries]
        versions = {f: run.frameworks[f].versions for f in run.frameworks}
        out[path] = _envelope("benchmark-run", path, when) | {
            "id": run.id,
            "links": {"page": _rel("benchmarks/", path), "yaml": _rel(f"benchmarks/{run.id}.yaml", path)},
            "frameworks": [_framework(x, path, versions[x.id].get(canonicalize_name(x.package))) for x in measured],
            "data": run_to_data(run),
        }
    index = f"{API}index.json"
    out[index] = _envelope("index", index, when) | {
        "data_snapshot": snapshot_date(catalog).isoformat(),
        "documents": [
            {
                "kind": doc["kind"],
                "id": doc["id"],
                "url": _rel(path, index),
                "schema": _rel(_schema_path(KINDS[doc["kind"]]), index),
            }
            | ({"purl": doc["purl"]} if "purl" in doc else {})
            for path, doc in out.items()
        ],
        "schemas": [{"id": s["$id"], "url": _rel(path, index)} for path, s in schemas().items()],
        "feeds": {
            "changes": _rel(SITE_FEED, index),
            "entries": {x.id: _rel(entry_feed_path(x.id), index) for x in catalog},
        },
    }
    return out


@cache
def schemas() -> dict[str, dict]:
    """{path under the site root: schema}: the API's (/api/v1/schemas/) and the data's (/schemas/). Each
    is published at the path its `$id` names under ID_ROOT, so a `$ref` by id finds its file."""
    out = {}
    for path in [*sorted((SCHEMA_DIR / "api").glob("*.schema.json")), *sorted(SCHEMA_DIR.glob("*.schema.json"))]:
        schema = json.loads(path.read_text(encoding="utf-8"))
        if not schema["$id"].startswith(ID_ROOT):
            raise ValueError(f"{path}: $id {schema['$id']} does not start with {ID_ROOT}")
        out[schema["$id"].removeprefix(ID_ROOT)] = schema
    return out


def dump(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
