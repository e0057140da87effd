"""Package facts derived from the index's own metadata.

Fetching goes through pip's session so pip's configuration (certificates, proxies,
timeouts, retries) applies, as it does when the project installs packages. Deriving is a
pure function of the metadata, so tests run it on metadata recorded under tests/.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

PYPI = "https://pypi.org"

#: Trove classifiers that name exactly one SPDX licence.
CLASSIFIER_SPDX = {
    "License :: OSI Approved :: MIT License": "MIT",
    "License :: OSI Approved :: Apache Software License": "Apache-2.0",
    "License :: OSI Approved :: ISC License (ISCL)": "ISC",
    "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
}
#: Free-text `License:` fields that name exactly one licence. Plain "BSD" is not here: it
#: does not say which BSD licence, so a person reads the licence file instead.
SPDX_TEXT = {
    **{x: x for x in ("MIT", "BSD-3-Clause", "BSD-2-Clause", "Apache-2.0", "ISC", "MPL-2.0", "ZPL-2.1")},
    "Apache License, Version 2.0": "Apache-2.0",
    "Apache 2.0": "Apache-2.0",
    "ZPL 2.1": "ZPL-2.1",
}


def fetch_metadata(package: str, index: str = PYPI, timeout: float = 30) -> dict:
    """The index's JSON document for `package` (all releases), fetched with pip's session."""
    from pip._internal.network.session import PipSession  # pip's machinery, not a new client

    with PipSession(retries=3) as session:
        response = session.get(f"{index}/pypi/{package}/json", timeout=timeout)
        response.raise_for_status()
        return response.json()


def recorded_metadata(directory: Path, package: str) -> dict:
    return json.loads((directory / f"{package.lower()}.json").read_text())


@dataclass(frozen=True)
class Derived:
    """One fact's value as the metadata gives it, or None with the reason."""

    value: object
    source: str
    detail: str | None = None
    reason: str | None = None


def _release_page(name: str, version: str) -> str:
    return f"{PYPI}/project/{name}/{version}/"


def _stable(version: str) -> Version | None:
    try:
        v = Version(version)
    except InvalidVersion:
        return None
    return None if v.is_prerelease or v.is_devrelease else v


def _admits(files: list[dict], python: str) -> bool:
    live = [f for f in files if not f.get("yanked")]
    if not live:
        return False
    for f in live:
        spec = f.get("requires_python")
        try:
            if not spec or SpecifierSet(spec).contains(python, prereleases=True):
                return True
        except Exception:  # an unparsable Requires-Python admits nothing we can vouch for
            continue
    return False


def _license(info: dict) -> tuple[str | None, str | None]:
    expression = (info.get("license_expression") or "").strip()
    if expression:
        return expression, "License-Expression field"
    text = (info.get("license") or "").strip()
    if text in SPDX_TEXT:
        return SPDX_TEXT[text], "License field"
    named = {CLASSIFIER_SPDX[c] for c in info.get("classifiers", []) if c in CLASSIFIER_SPDX}
    if len(named) == 1:
        return named.pop(), "license classifier"
    return None, None


def _classifier_pythons(info: dict) -> str:
    prefix = "Programming Language :: Python :: 3."
    minors = sorted(
        int(c[len(prefix) :]) for c in info.get("classifiers", []) if c.startswith(prefix) and c[len(prefix) :].isdigit()
    )
    return f"; its classifiers list Python 3.{minors[0]} to 3.{minors[-1]}" if minors else ""


def derive(meta: dict, python: str) -> dict[str, Derived]:
    """The refresh-managed facts for one package, for the given CPython version ("3.11")."""
    info = meta["info"]
    name = info["name"]
    latest = info["version"]
    page = _release_page(name, latest)
    releases = meta.get("releases", {})
    out: dict[str, Derived] = {"latest_version": Derived(latest, page)}

    uploads = sorted(f["upload_time_iso_8601"][:10] for f in releases.get(latest, meta.get("urls", [])))
    out["latest_release_date"] = (
        Derived(uploads[0], page) if uploads else Derived(None, page, reason="the index lists no files for the latest release")
    )

    spec = info.get("requires_python")
    out["requires_python"] = (
        Derived(spec.replace(" ", ""), page)
        if spec
        else Derived(
            None, page, reason="the latest release declares no Requires-Python in its metadata" + _classifier_pythons(info)
        )
    )

    spdx, where = _license(info)
    out["license"] = (
        Derived(spdx, page, detail=f"From the package's {where}.")
        if spdx
        else Derived(
            None,
            page,
            reason="the package metadata names no unambiguous SPDX licence "
            "(no License-Expression, and a generic classifier or free text)",
        )
    )

    env = default_environment() | {"python_version": python, "python_full_version": f"{python}.0", "extra": ""}
    names: dict[str, str] = {}  # one name may be listed several times with different markers
    for line in info.get("requires_dist") or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(env):
            names.setdefault(canonicalize_name(req.name), req.name)
    core = list(names.values())
    out["core_dependencies"] = Derived(
        len(core), page, detail=("Requires " + ", ".join(sorted(core, key=str.lower)) + ".") if core else "Requires nothing else."
    )

    candidates = sorted((v, raw) for raw, files in releases.items() if (v := _stable(raw)) and _admits(files, python))
    if candidates:
        raw = candidates[-1][1]
        out["installable_version"] = Derived(
            raw, _release_page(name, raw), detail=f"Newest stable release whose Requires-Python admits CPython {python}."
        )
    else:
        out["installable_version"] = Derived(None, page, reason=f"no stable release declares support for CPython {python}")
    return out
