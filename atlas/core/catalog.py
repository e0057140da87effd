"""The one loader: reads and checks every file under data/ for the site, tests and tools.

Everything that shows or exports data goes through `load_catalog`, so a value that passes
here is safe to render anywhere, and a bad contribution fails the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from atlas.core.benchmarks import Run, run_from_data
from atlas.core.kinds import KIND_LABELS
from atlas.core.pyversions import Results, results_from_data
from atlas.core.schema import load_schema, validate
from atlas.core.yamlsafe import DataError, Document, Problem, dotted, load_yaml, max_bytes, short

ROOT = Path(__file__).resolve().parents[2]  # atlas/core/catalog.py -> the repository
#: ATLAS_DATA points the site build at another data tree (the tests build fixture sites).
DATA_DIR = Path(os.environ.get("ATLAS_DATA") or ROOT / "data")
#: The kinds of data file: folder under data/ -> the schema (schemas/<name>.schema.json) its files follow.
DATA_KINDS = {
    "frameworks": "framework",
    "tasks": "task",
    "benchmarks": "benchmark",
    "claims": "claims",
    "python-versions": "python-versions",
}
STALE_AFTER_DAYS = 180


@dataclass(frozen=True)
class FactSpec:
    """A fact as the schema defines it: id, label and what it means."""

    id: str
    title: str
    description: str
    group: str


@dataclass(frozen=True)
class Fact:
    id: str
    value: object
    verified: dt.date
    source: str | None = None
    detail: str | None = None
    reason: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None

    def is_stale(self, today: dt.date) -> bool:
        return (today - self.verified).days > STALE_AFTER_DAYS


@dataclass
class Entry:
    id: str
    name: str
    kind: str
    builds_on: list[str]
    package: str
    summary: str
    links: dict[str, str]
    facts: dict[str, Fact]
    path: Path
    doc: Document = field(repr=False)
    snippets: dict | None = None
    highlights: list[dict] = field(default_factory=list)
    #: Release history and sourced statements about upkeep (atlas.core.lifecycle computes the status).
    lifecycle: dict = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass
class Task:
    """A task contract: what every snippet of the task must do over HTTP."""

    id: str
    order: int
    title: str
    summary: str
    applies_to: list[str]
    steps: list[dict]
    env: dict[str, str]
    path: Path
    services: list[str] = field(default_factory=list)
    requires_fact: str | None = None
    notes: list[dict] = field(default_factory=list)
    #: When the task is a benchmark scenario: {"title", "request": {method, path, body?}, "seed"?}.
    benchmark: dict | None = None
    #: The file as read (its data is what the JSON API publishes), like Entry.doc.
    doc: Document | None = field(default=None, repr=False)


@dataclass
class Claim:
    """One claim quoted from a seed article, with the rule (`check`) that decides its verdict."""

    id: str
    quote: str
    frameworks: list[str]
    check: dict
    reading: str | None = None
    see: list[dict] = field(default_factory=list)
    #: {date, source, note}: the claim was true until then; if it fails now, it is outdated, not wrong.
    held_until: dict | None = None


@dataclass
class Article:
    """A seed article (shared/seeds/<file>) and the claims of it the site checks."""

    id: str
    seed_file: str
    about: str
    claims: list[Claim]
    path: Path
    title: str | None = None
    url: str | None = None
    #: The file as read, like Entry.doc.
    doc: Document | None = field(default=None, repr=False)


@dataclass
class Catalog:
    entries: dict[str, Entry]
    tasks: dict[str, Task] = field(default_factory=dict)
    #: Benchmark runs by id (data/benchmarks/*.yaml), newest full run first.
    benchmarks: dict[str, Run] = field(default_factory=dict)
    #: Checked claims by article (data/claims/*.yaml), in seed-file order.
    claims: dict[str, Article] = field(default_factory=dict)
    #: Snippet checks per Python version (data/python-versions/*.yaml), newest file first.
    python_versions: dict[str, Results] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.entries.values())

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    @property
    def scenarios(self) -> dict[str, Task]:
        """The benchmark scenarios, in task order: the tasks whose data has a `benchmark` block."""
        return {t.id: t for t in self.tasks.values() if t.benchmark}

    @property
    def latest_run(self) -> Run | None:
        """The newest full benchmark run, else the newest of another kind (benchmarks is ordered so); never
        a shard, which is one part of a run until `bench merge` joins the parts."""
        return next((r for r in self.benchmarks.values() if r.kind != "shard"), None)

    @property
    def python_results(self) -> Results | None:
        """The newest file of snippet checks per Python version; None until one is committed."""
        return next(iter(self.python_versions.values()), None)

    def scenario_title(self, scenario: str) -> str:
        task = self.tasks.get(scenario)
        return task.benchmark["title"] if task and task.benchmark else scenario

    def of_kinds(self, kinds: list[str] | tuple[str, ...]) -> list[Entry]:
        return [e for e in self if e.kind in kinds]


@cache
def fact_groups() -> dict[str, tuple[str, list[str], list[FactSpec]]]:
    """{group id: (title, kinds it applies to, facts)} read from the schema, in schema order."""
    schema = load_schema("framework")
    defs = schema["$defs"]
    kinds_of: dict[str, list[str]] = {}
    for rule in schema["allOf"]:
        cond = rule["if"]["properties"]["kind"]
        kinds = cond.get("enum", [cond.get("const")])
        entry_def = defs[rule["then"]["properties"]["facts"]["$ref"].rsplit("/", 1)[1]]
        for ref in entry_def["allOf"]:
            kinds_of.setdefault(ref["$ref"].rsplit("/", 1)[1], []).extend(kinds)
    groups = {}
    for gid, kinds in kinds_of.items():
        g = defs[gid]
        specs = [FactSpec(fid, p["title"], p["description"], gid) for fid, p in g["properties"].items()]
        groups[gid] = (g["title"], kinds, specs)
    return groups


def facts_for_kind(kind: str) -> list[FactSpec]:
    return [spec for _, kinds, specs in fact_groups().values() if kind in kinds for spec in specs]


def _entry(doc: Document, path: Path) -> Entry:
    d = doc.data
    facts = {
        fid: Fact(
            id=fid,
            value=f["value"],
            verified=dt.date.fromisoformat(f["verified"]),
            source=f.get("source"),
            detail=f.get("detail"),
            reason=f.get("reason"),
        )
        for fid, f in d["facts"].items()
    }
    return Entry(
        d["id"],
        d["name"],
        d["kind"],
        d["builds_on"],
        d["package"],
        d["summary"],
        d["links"],
        facts,
        path,
        doc,
        d.get("snippets"),
        d.get("highlights", []),
        d["lifecycle"],
    )


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


@dataclass
class _Rejected:
    """Files that were refused, by what other files call them: a reference to one of them
    is not an error of the referring file (the rejected file has its own errors), so it is
    counted here and reported once, on the rejected file, instead of cascading."""

    #: (what, id) -> (file, line of its id or None); what is "entry", "task" or "benchmark".
    files: dict[tuple[str, str], tuple[str, int | None]] = field(default_factory=dict)
    #: rejected file -> the places that name it, as file:line.
    unchecked: dict[str, list[str]] = field(default_factory=dict)

    def add(self, what: str, path: Path, doc: Document | None) -> None:
        if doc is not None and isinstance(doc.data, dict) and "id" in doc.data:
            line = doc.line_of(("id",))
        else:  # unparseable: the line that looks like its id, if any
            text = path.read_bytes()
            found = re.search(rb"(?m)^id:", text)
            line = text.count(b"\n", 0, found.start()) + 1 if found else None
        self.files[(what, path.stem)] = (_rel(path), line)

    def covers(self, what: str, ref: object, file: str, line: int | None) -> bool:
        """True (and the reference noted as unchecked) if `ref`, found nowhere among the files
        that loaded, names a rejected one."""
        hit = self.files.get((what, ref)) if isinstance(ref, str) else None
        if hit:
            self.unchecked.setdefault(hit[0], []).append(f"{file}:{line}" if line else file)
        return hit is not None

    def problems(self) -> list[Problem]:
        out = []
        lines = {file: line for file, line in self.files.values()}
        for file, places in self.unchecked.items():
            shown = ", ".join(places[:3]) + (f" and {len(places) - 3} more" if len(places) > 3 else "")
            out.append(
                Problem(
                    file,
                    lines[file],
                    "id" if lines[file] else "",
                    f"references to this file were not checked because it was rejected: {len(places)} "
                    f"({shown}); they are checked again once its own errors above are fixed",
                )
            )
        return out


def _read(
    path: Path, schema: str, problems: list[Problem], rejected: _Rejected | None = None, check_id: bool = True
) -> Document | None:
    """Parse and schema-check one file, adding its problems; None if it is unusable (then
    noted in `rejected` under what other files call it)."""
    name = _rel(path)
    what = {"framework": "entry", "task": "task", "benchmark": "benchmark"}.get(schema, schema)
    doc = None
    try:
        doc = load_yaml(path.read_bytes(), name, max_bytes(schema))
        found = validate(doc, schema, name)
        if not found and check_id and doc.data["id"] != path.stem:
            found = [
                Problem(
                    name,
                    doc.line_of(("id",)),
                    "id",
                    f"id '{short(doc.data['id'])}' must equal the file name '{path.stem}'",
                )
            ]
    except DataError as exc:
        found = exc.problems
    if not found:
        return doc
    problems.extend(found)
    if rejected is not None:
        rejected.add(what, path, doc)
    return None


def load_catalog(data_dir: Path = DATA_DIR, today: dt.date | None = None) -> Catalog:
    """Read and check every entry and task; raise DataError listing every problem in every file."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    rejected = _Rejected()
    entries: dict[str, Entry] = {}
    files = sorted((data_dir / "frameworks").glob("*.yaml"))
    if not files:
        raise DataError([Problem(_rel(data_dir / "frameworks"), None, "", "no *.yaml entries found")])
    for path in files:
        doc = _read(path, DATA_KINDS["frameworks"], problems, rejected)
        if doc is None:
            continue
        for fid, fact in doc.data["facts"].items():
            if dt.date.fromisoformat(fact["verified"]) > today:
                problems.append(
                    Problem(
                        _rel(path),
                        doc.line_of(("facts", fid, "verified")),
                        f"facts.{fid}.verified",
                        f"date {fact['verified']} is in the future",
                    )
                )
        entries[path.stem] = _entry(doc, path)
    tasks: dict[str, Task] = {}
    for path in sorted((data_dir / "tasks").glob("*.yaml")):
        doc = _read(path, DATA_KINDS["tasks"], problems, rejected)
        if doc is not None:
            d = doc.data
            fact = d.get("requires_fact")
            if fact and fact not in {spec.id for _, _, specs in fact_groups().values() for spec in specs}:
                where = doc.line_of(("requires_fact",))
                problems.append(Problem(_rel(path), where, "requires_fact", f"'{short(fact)}' is not a fact of the schema"))
            tasks[path.stem] = Task(
                id=d["id"],
                order=d["order"],
                title=d["title"],
                summary=d["summary"],
                applies_to=d["applies_to"],
                steps=d["steps"],
                env=d.get("env", {}),
                path=path,
                services=d.get("services", []),
                requires_fact=d.get("requires_fact"),
                notes=d.get("notes", []),
                benchmark=d.get("benchmark"),
                doc=doc,
            )
    benchmarks: dict[str, Run] = {}
    for path in sorted((data_dir / "benchmarks").glob("*.yaml"), reverse=True):
        doc = _read(path, DATA_KINDS["benchmarks"], problems, rejected)
        if doc is not None:
            # Every map keyed by entry id names an entry (results of a removed entry would show under no name).
            for section in ("frameworks", "websocket_echo", "queues"):
                for fid in doc.data.get(section) or {}:
                    line = doc.line_of((section, fid))
                    if fid not in entries and not rejected.covers("entry", fid, _rel(path), line):
                        problems.append(Problem(_rel(path), line, f"{section}.{fid}", f"'{short(fid)}' names no entry"))
            benchmarks[path.stem] = run_from_data(doc.data)
    problems.extend(_reference_problems(entries, tasks, rejected))
    articles: dict[str, Article] = {}
    for path in sorted((data_dir / "claims").glob("*.yaml")):
        doc = _read(path, DATA_KINDS["claims"], problems)
        if doc is not None:
            problems.extend(claim_problems(doc, _rel(path), entries, tasks, benchmarks, articles, rejected))
            articles[path.stem] = _article(doc, path)
    python_versions: dict[str, Results] = {}
    for path in sorted((data_dir / "python-versions").glob("*.yaml"), reverse=True):
        doc = _read(path, DATA_KINDS["python-versions"], problems)
        if doc is not None:
            problems.extend(_python_version_problems(doc, _rel(path), entries, tasks, rejected))
            python_versions[path.stem] = results_from_data(doc.data)
    problems.extend(rejected.problems())
    if problems:
        raise DataError(problems)
    return Catalog(
        dict(sorted(entries.items(), key=lambda kv: kv[1].name.lower())),
        dict(sorted(tasks.items(), key=lambda kv: (kv[1].order, kv[0]))),
        dict(sorted(sorted(benchmarks.items(), reverse=True), key=lambda kv: kv[1].kind != "full")),
        dict(sorted(articles.items(), key=lambda kv: kv[1].seed_file)),
        python_versions,
    )


def read_file(path: Path, kind: str) -> dict:
    """One data file of a kind (a folder name of DATA_KINDS), parsed and schema-checked as the loader
    does it, for tools that read files outside data/ (shards to merge); raises DataError."""
    problems: list[Problem] = []
    doc = _read(path, DATA_KINDS[kind], problems, check_id=False)
    if doc is None:
        raise DataError(problems)
    return doc.data


def _python_version_problems(
    doc: Document, name: str, entries: dict[str, Entry], tasks: dict[str, Task], rejected: _Rejected
) -> list[Problem]:
    """Every entry and task a results file names exists (results of a removed one would show under no name)."""
    problems = []
    for label, body in doc.data["pythons"].items():
        for eid, result in body["entries"].items():
            where = ("pythons", label, "entries", eid)
            if eid not in entries and not rejected.covers("entry", eid, name, doc.line_of(where)):
                problems.append(Problem(name, doc.line_of(where), dotted(where), f"'{short(eid)}' names no entry"))
            for tid in result.get("tasks", {}):
                at = (*where, "tasks", tid)
                if tid not in tasks and not rejected.covers("task", tid, name, doc.line_of(at)):
                    problems.append(Problem(name, doc.line_of(at), dotted(at), f"'{short(tid)}' names no task"))
    return problems


def _article(doc: Document, path: Path) -> Article:
    d = doc.data
    claims = [
        Claim(c["id"], c["quote"], c["frameworks"], c["check"], c.get("reading"), c.get("see", []), c.get("held_until"))
        for c in d["claims"]
    ]
    seed = d["seed"]
    return Article(d["id"], seed["file"], seed["about"], claims, path, seed.get("title"), seed.get("url"), doc)


def _reference_problems(entries: dict[str, Entry], tasks: dict[str, Task], rejected: _Rejected) -> list[Problem]:
    problems = []
    for e in entries.values():
        name = _rel(e.path)
        problems.extend(_snippet_problems(e, entries, tasks, rejected))
        for i, ref in enumerate(e.builds_on):
            if ref not in entries and rejected.covers("entry", ref, name, e.doc.line_of(("builds_on", i))):
                continue
            if ref == e.id:
                problems.append(
                    Problem(name, e.doc.line_of(("builds_on", i)), f"builds_on[{i}]", "an entry cannot build on itself")
                )
            elif ref not in entries:
                problems.append(
                    Problem(
                        name,
                        e.doc.line_of(("builds_on", i)),
                        f"builds_on[{i}]",
                        f"'{ref}' names no entry (expected one of data/frameworks/*.yaml)",
                    )
                )
        for i, highlight in enumerate(e.highlights):
            line = e.doc.line_of(("highlights", i, "task"))
            task = highlight.get("task")
            if task and task not in tasks and not rejected.covers("task", task, name, line):
                problems.append(
                    Problem(
                        name,
                        line,
                        f"highlights[{i}].task",
                        f"'{highlight['task']}' names no task (expected one of data/tasks/*.yaml)",
                    )
                )
        servers = e.facts.get("production_servers")
        for i, ref in enumerate(servers.value or [] if servers else []):
            line = e.doc.line_of(("facts", "production_servers", "value", i))
            ok = ref == e.id or (ref in entries and entries[ref].kind == "server")
            if not ok and not (ref not in entries and rejected.covers("entry", ref, name, line)):
                problems.append(
                    Problem(
                        name,
                        line,
                        f"facts.production_servers.value[{i}]",
                        f"'{ref}' is not an entry of kind server, nor '{e.id}' itself",
                    )
                )
    return problems


def _snippet_problems(e: Entry, entries: dict[str, Entry], tasks: dict[str, Task], rejected: _Rejected) -> list[Problem]:
    if not e.snippets:
        return []
    name, problems = _rel(e.path), []
    server = e.snippets["server"]
    recommended = (e.facts.get("production_servers") or Fact("", None, dt.date.min)).value
    if recommended is None:  # task queues record no production server: any server entry will do
        recommended = [x.id for x in entries.values() if x.kind == "server"]
    line = e.doc.line_of(("snippets", "server"))
    if server not in recommended and not (server not in entries and rejected.covers("entry", server, name, line)):
        problems.append(
            Problem(
                name,
                line,
                "snippets.server",
                f"'{server}' is not among this entry's production_servers ({', '.join(recommended) or 'none'})",
            )
        )
    for key in ("commands", "not_applicable", "workers", "brokers", "known_failures"):
        for task_id in e.snippets.get(key, {}):
            line = e.doc.line_of(("snippets", key, task_id))
            if task_id not in tasks and not rejected.covers("task", task_id, name, line):
                problems.append(
                    Problem(
                        name,
                        line,
                        f"snippets.{key}.{task_id}",
                        f"'{task_id}' names no task (expected one of data/tasks/*.yaml)",
                    )
                )
    return problems


_cache: dict[tuple, Catalog] = {}


def load_catalog_once(data_dir: Path = DATA_DIR) -> Catalog:
    """load_catalog, memoised on the files' names, sizes and mtimes: one load per build
    even though the page hook and the macros both ask, and a fresh one after an edit."""
    stamp = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(data_dir.rglob("*.yaml")))
    key = (str(data_dir), dt.date.today(), stamp)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_catalog(data_dir)
    return _cache[key]


_REF_KEYS = {
    "fact": ("entry", "fact"),
    "passes": ("entry", "task"),
    "rank": ("entry",),
    "setup": ("entry",),
    "lifecycle": ("entry",),
    "faster": ("a", "b"),
}
_FACT_OPS = ("equals", "contains", "admits", "at_most", "at_least", "within_days")


def claim_problems(
    doc: Document,
    name: str,
    entries: dict[str, Entry],
    tasks: dict[str, Task],
    benchmarks: dict[str, Run],
    earlier: dict[str, Article],
    rejected: _Rejected | None = None,
) -> list[Problem]:
    """References in one claims file that name nothing: entries, facts, tasks, scenarios, ids used twice.
    A reference to a file that was itself rejected is noted in `rejected`, not reported here."""
    problems: list[Problem] = []
    rejected = rejected or _Rejected()
    some_run_rejected = next((ref for what, ref in rejected.files if what == "benchmark"), None)

    def bad(path: tuple, message: str) -> None:
        problems.append(Problem(name, doc.line_of(path), dotted(path), message))

    measured = {s for run in benchmarks.values() for s in run.scenarios} or set(tasks)
    seen = {c.id: a.id for a in earlier.values() for c in a.claims}

    def entry_ok(path: tuple, ref: str) -> bool:
        if ref not in entries and not rejected.covers("entry", ref, name, doc.line_of(path)):
            bad(path, f"'{ref}' names no entry (expected one of data/frameworks/*.yaml)")
        return ref in entries

    def fact_ok(path: tuple, entry_id: str, fact_id: str) -> None:
        kind = entries[entry_id].kind
        if fact_id not in {s.id for s in facts_for_kind(kind)}:
            bad(path, f"'{short(fact_id)}' is not a fact of a {kind} entry (see schemas/framework.schema.json)")

    def task_ok(path: tuple, task_id: str, entry_id: str | None) -> None:
        if task_id not in tasks:
            if not rejected.covers("task", task_id, name, doc.line_of(path)):
                bad(path, f"'{task_id}' names no task (expected one of data/tasks/*.yaml)")
        elif entry_id in entries and entries[entry_id].kind not in tasks[task_id].applies_to:
            bad(path, f"task '{task_id}' does not apply to '{entry_id}' ({entries[entry_id].kind})")

    def walk(check: dict, path: tuple) -> None:
        ((rule, body),) = check.items()
        here = path + (rule,)
        if rule in ("all_of", "any_of"):
            for i, sub in enumerate(body):
                walk(sub, here + (i,))
            return
        for key in _REF_KEYS.get(rule, ()):
            if key in ("entry", "a", "b"):
                entry_ok(here + (key,), body[key])
        if rule == "fact" and body["entry"] in entries:
            fact_ok(here + ("fact",), body["entry"], body["fact"])
            ops = [op for op in _FACT_OPS if op in body]
            if len(ops) != 1:
                bad(here, f"a fact check takes exactly one of {', '.join(_FACT_OPS)}; found {len(ops)}")
        if rule == "passes":
            task_ok(here + ("task",), body["task"], body["entry"])
        for i, scenario in enumerate(body.get("scenarios", []) if isinstance(body, dict) else []):
            where = here + ("scenarios", i)
            if scenario in measured:
                continue
            if not (some_run_rejected and rejected.covers("benchmark", some_run_rejected, name, doc.line_of(where))):
                bad(here + ("scenarios", i), f"'{short(scenario)}' is not a benchmark scenario ({', '.join(sorted(measured))})")

    for ci, claim in enumerate(doc.data["claims"]):
        base = ("claims", ci)
        if claim["id"] in seen:
            bad(base + ("id",), f"claim id '{claim['id']}' is already used in {seen[claim['id']]}")
        seen[claim["id"]] = doc.data["id"]
        for i, ref in enumerate(claim["frameworks"]):
            entry_ok(base + ("frameworks", i), ref)
        walk(claim["check"], base + ("check",))
        manual = claim["check"].get("manual")
        if manual and "source" not in manual and not claim.get("see"):
            bad(base + ("check", "manual"), "a claim judged by hand needs evidence: a 'source', or this site's pages under 'see'")
        for i, ref in enumerate(claim.get("see", [])):
            where = base + ("see", i)
            if "fact" in ref and "entry" not in ref:
                bad(where, "a 'fact' reference needs its 'entry'")
            if "entry" in ref and entry_ok(where + ("entry",), ref["entry"]) and "fact" in ref:
                fact_ok(where + ("fact",), ref["entry"], ref["fact"])
            if "task" in ref:
                task_ok(where + ("task",), ref["task"], None)
            if len({"entry", "task", "page"} & set(ref)) != 1:
                bad(where, "a reference names exactly one of entry (with an optional fact), task or page")
    return problems
