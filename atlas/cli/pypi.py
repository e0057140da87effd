"""Package facts derived from the index and from the release's own metadata file.

Version and dates come from the index's JSON document. `Requires-Python`, the dependencies and
the licence come from the release's core metadata, the METADATA file inside its wheel, which is
what pip obeys; the index's JSON summary of those fields can differ from it (FastAPI 0.165.0:
summary `>=3.10`, METADATA `>=3.11`). The file is read from the index's per-file metadata
(PEP 658/714: `<wheel URL>.metadata`, announced as `core-metadata` in the simple JSON API of
PEP 691 or in the JSON API's file list) and, where the index offers none, from the wheel itself.
The file read is the fact's source.

Fetching goes through pip's session so pip's configuration (certificates, proxies, timeouts,
retries) applies, as it does when the project installs packages. Deriving is a pure function of
what was read, so tests run it on responses recorded under tests/data/pypi/.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from packaging.markers import default_environment
from packaging.metadata import Metadata
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

PYPI = "https://pypi.org"
#: Where the index serves release files (and their metadata files) from.
FILES = "https://files.pythonhosted.org"
#: A fact whose source is on these hosts was written by refresh; any other source is a person's.
INDEX_SOURCES = (PYPI + "/", FILES + "/")
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"

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


class Index(Protocol):
    """What refresh asks of a package index: the live one, or responses recorded from it."""

    def __enter__(self) -> Index: ...

    def __exit__(self, *exc) -> None: ...

    def project(self, package: str) -> dict:
        """The JSON API document (`/pypi/<package>/json`): every release and its files."""

    def simple(self, package: str) -> dict:
        """The simple API's JSON page (PEP 691), file URLs made absolute."""

    def get(self, url: str) -> bytes | None:
        """The file at url, or None if the index answers 404."""


class LiveIndex:
    """The index over HTTPS, through pip's session."""

    def __init__(self, base: str = PYPI, timeout: float = 30):
        from pip._internal.network.session import PipSession  # pip's machinery, not a new client

        self.base, self.timeout = base, timeout
        self.session = PipSession(retries=3)

    def __enter__(self) -> LiveIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.session.close()

    def project(self, package: str) -> dict:
        response = self.session.get(f"{self.base}/pypi/{package}/json", timeout=self.timeout)
        response.raise_for_status()
        return response.json()

    def simple(self, package: str) -> dict:
        url = f"{self.base}/simple/{canonicalize_name(package)}/"
        response = self.session.get(url, headers={"Accept": SIMPLE_JSON}, timeout=self.timeout)
        response.raise_for_status()
        if not response.headers.get("Content-Type", "").startswith(SIMPLE_JSON):
            raise ValueError(f"{url} did not answer in the simple JSON API (PEP 691)")
        return _absolute(response.json(), response.url)

    def get(self, url: str) -> bytes | None:
        response = self.session.get(url, timeout=self.timeout)
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return response.content


class RecordedIndex:
    """Responses recorded from the index: `<package>.json` (JSON API), `<package>.simple.json`
    (simple JSON API) and, under files/, the files fetched, named as in their URLs."""

    def __init__(self, directory: Path):
        self.directory = directory

    def __enter__(self) -> RecordedIndex:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def project(self, package: str) -> dict:
        return json.loads((self.directory / f"{package.lower()}.json").read_text())

    def simple(self, package: str) -> dict:
        path = self.directory / f"{package.lower()}.simple.json"
        return _absolute(json.loads(path.read_text()), f"{PYPI}/simple/{canonicalize_name(package)}/")

    def get(self, url: str) -> bytes | None:
        path = self.directory / "files" / urlsplit(url).path.rsplit("/", 1)[-1]
        return path.read_bytes() if path.is_file() else None


def _absolute(page: dict, base: str) -> dict:
    """PEP 691 lets file URLs be relative to the page; make them absolute."""
    return page | {"files": [f | {"url": urljoin(base, f["url"])} for f in page.get("files", [])]}


@dataclass(frozen=True)
class ReleaseMetadata:
    """A release's core metadata (its wheel's METADATA), and the URL it was read from."""

    text: bytes
    url: str

    @cached_property
    def parsed(self) -> Metadata:
        # Not validated as a whole: real METADATA files break rules that do not concern the fields
        # read here (CherryPy 18.10.0 and waitress 3.0.2 put License-File in Metadata-Version 2.1).
        # Each field read is parsed, and raises if it is invalid.
        return Metadata.from_email(self.text, validate=False)


class NoReleaseMetadata(Exception):
    """The latest release has no wheel, so no METADATA file to read."""


def _metadata_flag(*files: dict) -> object:
    """The per-file metadata announcement (PEP 714 `core-metadata`, PEP 658's older
    `data-dist-info-metadata`): false/absent, true, or the metadata file's hashes."""
    for f in files:
        for key in ("core-metadata", "data-dist-info-metadata", "dist-info-metadata"):
            if f.get(key):
                return f[key]
    return None


def _verify(body: bytes, hashes: object, url: str) -> None:
    expected = hashes.get("sha256") if isinstance(hashes, dict) else None
    if expected and hashlib.sha256(body).hexdigest() != expected:
        raise ValueError(f"{url}: sha256 differs from the index's ({expected})")


def _wheel_rank(filename: str, python: str) -> tuple:
    """Sort key for the wheel whose METADATA to read: a pure-Python wheel first, then one the
    tested CPython installs on Linux x86-64, then any (all of a release's wheels normally carry
    the same metadata; this makes the choice reproducible)."""
    tags = parse_wheel_filename(filename)[3]
    pure = all(t.platform == "any" for t in tags)
    cpython = f"cp{python.replace('.', '')}"
    linux = any(t.interpreter == cpython and "linux" in t.platform and "x86_64" in t.platform for t in tags) or any(
        t.abi == "abi3" and "linux" in t.platform and "x86_64" in t.platform for t in tags
    )
    return (not pure, not linux, filename)


def read_release_metadata(index: Index, meta: dict, python: str) -> ReleaseMetadata:
    """The latest release's METADATA: the index's metadata file for one of its wheels if it
    serves one, else the METADATA member of that wheel (downloaded into memory, checked
    against the index's sha256; nothing else in it is read)."""
    name, version = meta["info"]["name"], Version(meta["info"]["version"])
    announced = {f["filename"]: f for f in meta.get("releases", {}).get(meta["info"]["version"], meta.get("urls", []))}
    wheels = []
    for f in index.simple(name).get("files", []):
        try:
            wheel_version = parse_wheel_filename(f["filename"])[1]
        except InvalidWheelFilename:
            continue  # an sdist, or not a wheel
        if wheel_version == version and not f.get("yanked"):
            wheels.append(f)
    if not wheels:
        raise NoReleaseMetadata(f"{name} {version} has no wheel on the index")
    wheel = min(wheels, key=lambda f: _wheel_rank(f["filename"], python))
    url = wheel["url"]
    flag = _metadata_flag(wheel, announced.get(wheel["filename"], {}))
    if flag:
        body = index.get(url + ".metadata")
        if body is not None:
            _verify(body, flag, url + ".metadata")
            return ReleaseMetadata(body, url + ".metadata")
        # Announced but not served (seen on pypi.org for aiohttp 3.14.5): read the wheel instead.
    body = index.get(url)
    if body is None:
        raise FileNotFoundError(f"{url}: the index lists this wheel but does not serve it")
    _verify(body, wheel.get("hashes"), url)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        members = [n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
        if len(members) != 1:
            raise ValueError(f"{url}: expected one top-level *.dist-info/METADATA, found {members}")
        return ReleaseMetadata(archive.read(members[0]), url)


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


def _license(metadata: Metadata) -> tuple[str | None, str | None]:
    expression = str(metadata.license_expression or "").strip()
    if expression:
        return expression, "License-Expression field"
    text = (metadata.license or "").strip()
    if text in SPDX_TEXT:
        return SPDX_TEXT[text], "License field"
    named = {CLASSIFIER_SPDX[c] for c in metadata.classifiers or [] if c in CLASSIFIER_SPDX}
    if len(named) == 1:
        return named.pop(), "license classifier"
    return None, None


def _classifier_pythons(classifiers: list[str]) -> str:
    prefix = "Programming Language :: Python :: 3."
    minors = sorted(int(c[len(prefix) :]) for c in classifiers if c.startswith(prefix) and c[len(prefix) :].isdigit())
    return f"; its classifiers list Python 3.{minors[0]} to 3.{minors[-1]}" if minors else ""


def _spec(text: str | None) -> str | None:
    """A Requires-Python in one spelling: `>= 3.11` and `>=3.11`, `>=3.9,<4` and `<4,>=3.9` alike."""
    if not text:
        return None
    try:
        return str(SpecifierSet(text))
    except Exception:
        return text.replace(" ", "")


def _core(requirements: list, python: str) -> dict[str, str]:
    """{canonical name: name as written} of the unconditional requirements on CPython `python`:
    no marker, or a marker true there without any extra. A name listed under several markers
    counts once."""
    env = default_environment() | {"python_version": python, "python_full_version": f"{python}.0", "extra": ""}
    names: dict[str, str] = {}
    for req in requirements:
        if req.marker is None or req.marker.evaluate(env):
            names.setdefault(canonicalize_name(req.name), req.name)
    return names


def _summary_core(info: dict, python: str) -> dict[str, str] | None:
    try:
        return _core([Requirement(line) for line in info.get("requires_dist") or []], python)
    except InvalidRequirement:
        return None


def derive(meta: dict, python: str, release: ReleaseMetadata | None) -> dict[str, Derived]:
    """The refresh-managed facts for one package, for the given CPython version ("3.11").

    `meta` is the index's JSON document; `release` is the latest release's METADATA (None if
    the release has no wheel to read it from). The JSON summary's own Requires-Python and
    Requires-Dist are only compared with the METADATA, and a difference is said in the detail."""
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

    if release is None:
        why = "the latest release has no wheel, so no METADATA file to read it from"
        for fid in ("requires_python", "license", "core_dependencies"):
            out[fid] = Derived(None, page, reason=why)
    else:
        out |= _from_metadata(info, release, python)

    candidates = sorted((v, raw) for raw, files in releases.items() if (v := _stable(raw)) and _admits(files, python))
    if candidates:
        raw = candidates[-1][1]
        out["installable_version"] = Derived(
            raw, _release_page(name, raw), detail=f"Newest stable release whose Requires-Python admits CPython {python}."
        )
    else:
        out["installable_version"] = Derived(None, page, reason=f"no stable release declares support for CPython {python}")
    return out


def _from_metadata(info: dict, release: ReleaseMetadata, python: str) -> dict[str, Derived]:
    metadata, source = release.parsed, release.url
    if metadata.version != Version(info["version"]):
        raise ValueError(f"{source} is the METADATA of {metadata.version}, not of the latest release {info['version']}")
    out: dict[str, Derived] = {}

    spec, summary_spec = _spec(str(metadata.requires_python or "")), _spec(info.get("requires_python"))
    summary_says = f"; the index's JSON summary says {summary_spec}, but pip obeys the METADATA" if summary_spec != spec else ""
    if spec:
        out["requires_python"] = Derived(
            spec, source, detail=f"From the release's METADATA{summary_says}." if summary_says else None
        )
    else:
        out["requires_python"] = Derived(
            None,
            source,
            reason="the latest release declares no Requires-Python in its METADATA"
            + _classifier_pythons(metadata.classifiers or [])
            + summary_says,
        )

    spdx, where = _license(metadata)
    out["license"] = (
        Derived(spdx, source, detail=f"From the package's {where}.")
        if spdx
        else Derived(
            None,
            source,
            reason="the package metadata names no unambiguous SPDX licence "
            "(no License-Expression, and a generic classifier or free text)",
        )
    )

    names = _core(metadata.requires_dist or [], python)
    core = sorted(names.values(), key=str.lower)
    detail = ("Requires " + ", ".join(core) + ".") if core else "Requires nothing else."
    summary = _summary_core(info, python)
    if summary is not None and summary.keys() != names.keys():
        omits = sorted((names[k] for k in names.keys() - summary.keys()), key=str.lower)
        adds = sorted((summary[k] for k in summary.keys() - names.keys()), key=str.lower)
        said = [f"omits {', '.join(omits)}"] * bool(omits) + [f"adds {', '.join(adds)}"] * bool(adds)
        detail = detail[:-1] + f" (the index's JSON summary {' and '.join(said)})."
    out["core_dependencies"] = Derived(len(core), source, detail=detail)
    return out
