"""Attacker's payloads for every string field the JSON Schemas define, and the checks that prove
none of them came alive in an output. Used by tests/test_injection.py.

Fields are found by walking each data file together with its schema (following $ref, allOf,
anyOf/oneOf, if/then/else, properties, additionalProperties, items, propertyNames), so a field
added to a schema is covered without editing this file; outputs are every file the build writes
plus every CLI export format, so a new output is covered too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from atlas.core.schema import load_schema
from atlas.site.inert import HIDDEN_CHARACTERS

# --- payload classes ------------------------------------------------------------------------------
#
# Each template takes a marker `m` unique to (field, class), so every finding names its field.
# What a payload turns into *if it came alive* contains a string the payload itself never holds
# (`42xm`, `jmab`): finding that string in an output is proof of evaluation.

PAYLOADS: dict[str, str] = {
    "jinja-expression": "{{ 7*6 }}x{m}",
    "jinja-no-quotes": "{{ (dict(j{m}a=1)|list|first)~(dict(b=1)|list|first) }}",
    "jinja-statement": "{% set z = dict(s{m}q=1)|list|first %}{{ z }}{{ z }}",
    "jinja-os": "{{lipsum.__globals__.os.mkdir(dict(k{m}=1)|first)}}",
    "html-tag": "<b data-inj={m}><script>inj{m}()</script>",
    "html-attribute": '" onmouseover="inj{m}()" x=\'><img src=x onerror=inj{m}()>',
    "markdown-link": "[l{m}](javascript:inj{m}())",
    "markdown-image": "![i{m}](data:image/svg+xml;base64,PHN2Zz4=)",
    "markdown-emphasis": "**b{m}** __u{m}__",
    "table-pipe": "p{m} | x | y",
    "ends-fence": "a{m}\n```\n**fb{m}**\n```\n~~~\n",
    "indented-block": "a{m}\n\n    ind{m} code\n\nb",
    "html-comment": "c{m} <!-- k{m} -->",
    "unclosed-comment": "u{m} <!-- never closed",
    "hidden-characters": "h{m}\u202egnp.exe\u200b\u2066",
    "csv-formula": '=HYPERLINK("https://example.org","f{m}")',
    "csv-plus": "+f{m}()",
    "csv-minus": "-f{m}+1",
    "csv-at": "@SUM(f{m})",
    "csv-tab": "\t=f{m}()",
    # For fields that must be https URLs: what a URL pattern still lets through.
    "url-breakout": "https://example.org/{{7*6}}x{m}/'onmouseover='inj{m}()'/[l{m}](javascript:inj{m}())",
}

#: Outputs that are raw data by design (data/README.md): the raw text may appear there.
RAW_DATA_SUFFIXES = (".json", ".yaml")


#: Fields whose pattern asks for a shape (a path starts with /, a query with SELECT, a command holds
#: {port}) take the payloads inside that shape: the first that the schema accepts is used.
SHAPES = ("{}", "/{}", "SELECT 1 {}", "{} {{port}}", "https://example.org/{}")


def payload(cls: str, marker: str) -> str:
    return PAYLOADS[cls].replace("{m}", marker)


# --- walking a schema together with a document ----------------------------------------------------


@dataclass
class Leaf:
    """One string in one data file: where it is, and the schema field it belongs to."""

    file: Path
    path: tuple  # keys and indexes to the value; for a mapping key, the key's own path ending in ("<key>",)
    field: str  # "<schema>#<pointer>": the same for every instance of the field
    is_key: bool = False
    nodes: list = field(default_factory=list, compare=False, repr=False)  # the schemas that apply to the value


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    schema = load_schema(schema_name)
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    return Draft202012Validator(schema, registry=registry)


def _resolve(root: dict, ref: str) -> tuple[dict, str]:
    assert ref.startswith("#/"), f"only local $ref is walked: {ref}"
    node = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node, ref[1:]


def _string_node(node: dict) -> bool:
    t = node.get("type")
    return t == "string" or (isinstance(t, list) and "string" in t) or any(k in node for k in ("pattern", "format", "maxLength"))


def walk(schema_name: str, doc: object, file: Path, objects: list | None = None) -> Iterator[Leaf]:
    """Every string leaf (and mapping key) of doc with the schema field it belongs to; objects, if given,
    collects (path, schema pointer) of every mapping checked against a schema with properties."""
    root = load_schema(schema_name)
    validator = _validator(schema_name)

    def fits(sub: dict, instance: object) -> bool:
        return validator.evolve(schema=sub).is_valid(instance)

    applied: dict[tuple, list] = {}

    def visit(node: dict | bool, pointer: str, value: object, path: tuple, field_ptr: str) -> Iterator[Leaf]:
        if isinstance(node, bool):
            return
        applied.setdefault(path, []).append(node)
        if "$ref" in node:
            target, ptr = _resolve(root, node["$ref"])
            yield from visit(target, ptr, value, path, field_ptr)
        for i, sub in enumerate(node.get("allOf", [])):
            yield from visit(sub, f"{pointer}/allOf/{i}", value, path, field_ptr)
        for key in ("anyOf", "oneOf"):
            for i, sub in enumerate(node.get(key, [])):
                if fits(sub, value):
                    yield from visit(sub, f"{pointer}/{key}/{i}", value, path, field_ptr)
        if "if" in node:
            branch = "then" if fits(node["if"], value) else "else"
            if branch in node:
                yield from visit(node[branch], f"{pointer}/{branch}", value, path, field_ptr)
        if isinstance(value, str) and _string_node(node):
            yield Leaf(file, path, f"{schema_name}#{field_ptr}", nodes=applied[path])
        if isinstance(value, dict):
            props = node.get("properties", {})
            if props and objects is not None:
                objects.append((path, pointer))
            for k, v in value.items():
                if k in props:
                    yield from visit(props[k], f"{pointer}/properties/{k}", v, (*path, k), f"{pointer}/properties/{k}")
                else:
                    for extra in ("additionalProperties", "unevaluatedProperties"):
                        if isinstance(node.get(extra), dict):
                            p = f"{pointer}/{extra}"
                            yield from visit(node[extra], p, v, (*path, k), p)
                if isinstance(node.get("propertyNames"), dict):
                    yield Leaf(file, (*path, k), f"{schema_name}#{pointer}/propertyNames", True, [node["propertyNames"]])
        if isinstance(value, list) and isinstance(node.get("items"), dict):
            for i, v in enumerate(value):
                yield from visit(node["items"], f"{pointer}/items", v, (*path, i), f"{pointer}/items")

    seen: set[tuple] = set()
    for leaf in visit(root, "", doc, (), ""):
        key = (leaf.path, leaf.field, leaf.is_key)
        if key not in seen:  # a leaf reached through two allOf branches is one leaf
            seen.add(key)
            yield leaf


def string_fields(schema_name: str) -> set[str]:
    """Every string field the schema defines (pointers as walk() names them), found from the schema alone."""
    root = load_schema(schema_name)
    found: set[str] = set()
    done: set[str] = set()

    def visit(node: dict | bool, pointer: str, field_ptr: str) -> None:
        if isinstance(node, bool):
            return
        if "$ref" in node:
            target, ptr = _resolve(root, node["$ref"])
            if (ptr, field_ptr) not in done:
                done.add((ptr, field_ptr))
                visit(target, ptr, field_ptr)
        for key in ("allOf", "anyOf", "oneOf"):
            for i, sub in enumerate(node.get(key, [])):
                visit(sub, f"{pointer}/{key}/{i}", field_ptr)
        for branch in ("then", "else"):
            if branch in node:
                visit(node[branch], f"{pointer}/{branch}", field_ptr)
        if _string_node(node) and field_ptr:
            found.add(f"{schema_name}#{field_ptr}")
        for k, sub in node.get("properties", {}).items():
            visit(sub, f"{pointer}/properties/{k}", f"{pointer}/properties/{k}")
        for extra in ("additionalProperties", "unevaluatedProperties"):
            if isinstance(node.get(extra), dict):
                visit(node[extra], f"{pointer}/{extra}", f"{pointer}/{extra}")
        if isinstance(node.get("propertyNames"), dict):
            found.add(f"{schema_name}#{pointer}/propertyNames")
        if isinstance(node.get("items"), dict):
            visit(node["items"], f"{pointer}/items", f"{pointer}/items")

    visit(root, "", "")
    return found


def rejection(schema_name: str, doc: object, leaf: Leaf, value: str) -> str | None:
    """Why the schema refuses `value` at the leaf (None if it accepts it), from the schemas that apply
    there (the loader checks the whole document again after the payloads are in)."""
    validator = _validator(schema_name)
    nodes = leaf.nodes or [_node_at(schema_name, leaf.field)]
    errors = [e for node in nodes if not isinstance(node, bool) for e in validator.evolve(schema=node).iter_errors(value)]
    if not errors:
        return None
    e = min(errors, key=lambda e: len(str(e.message)))
    return f"{e.validator}: {e.message[:100]}"


def _node_at(schema_name: str, field_id: str) -> dict:
    """The schema of a field, from its "<schema>#<pointer>" name."""
    return _resolve(load_schema(schema_name), "#" + field_id.split("#", 1)[1])[0]


def put(doc: object, leaf: Leaf, value: str) -> None:
    """Write value at the leaf (for a key: rename it, keeping its place and value)."""
    parent = doc
    for part in leaf.path[:-1]:
        parent = parent[part]
    last = leaf.path[-1]
    if leaf.is_key:
        items = list(parent.items())
        parent.clear()
        for k, v in items:
            parent[value if k == last else k] = v
    else:
        parent[last] = value


# --- checking outputs ---------------------------------------------------------------------------


@dataclass
class Finding:
    output: str
    what: str


class _Scan(HTMLParser):
    """Elements, attributes, comments, <p> nesting and table shapes of one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.comments: list[str] = []
        self.text: list[str] = []
        self.nested_p = 0
        self.table_rows: list[tuple[int, int]] = []  # (table number, cells in the row incl. colspans)
        self._p_open = False
        self._tables: list[int] = []
        self._count = 0
        self._cells: list[int] = []
        self._tag_stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "p":
            if self._p_open:
                self.nested_p += 1
            self._p_open = True
        if tag == "table":
            self._count += 1
            self._tables.append(self._count)
        if tag == "tr" and self._tables:
            self._cells.append(0)
        if tag in ("td", "th") and self._cells:
            self._cells[-1] += int(a.get("colspan") or 1)
        self._tag_stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._p_open = False
        if tag in ("div", "table", "ul", "ol", "li", "td", "th", "section", "article", "details", "blockquote"):
            self._p_open = False  # these close an open <p> implicitly (the HTML parsing rules)
        if tag == "tr" and self._cells and self._tables:
            self.table_rows.append((self._tables[-1], self._cells.pop()))
        if tag == "table" and self._tables:
            self._tables.pop()

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _alive_strings(marker: str) -> list[str]:
    """What an evaluated template payload would have produced."""
    return [f"42x{marker}", f"j{marker}ab", f"s{marker}qs{marker}q"]


def check_html(name: str, html: str, markers: list[str]) -> list[Finding]:
    """Everything that would show data came alive in one HTML document."""
    found: list[Finding] = []
    scan = _Scan()
    scan.feed(html)
    scan.close()
    for tag, attrs in scan.elements:
        for attr, value in attrs.items():
            if attr.startswith("on"):
                found.append(Finding(name, f"<{tag} {attr}=...> event handler"))
            if attr in ("href", "src", "action", "formaction") and value.strip().lower().startswith(("javascript:", "vbscript:")):
                found.append(Finding(name, f"<{tag} {attr}={value[:40]!r}>"))
            if attr == "data-inj":
                found.append(Finding(name, f"<{tag} data-inj={value}> from data"))
        if tag == "img" and attrs.get("src", "").startswith("data:image/svg"):
            found.append(Finding(name, "<img src=data:...> from data"))
        if tag == "img" and attrs.get("src") == "x":
            found.append(Finding(name, "<img src=x> from data"))
    for comment in scan.comments:
        if any(m in comment for m in markers) or "never closed" in comment:
            found.append(Finding(name, f"HTML comment from data: {comment[:40]!r}"))
    if re.search(r"<script[^>]*>\s*inj", html):
        found.append(Finding(name, "script element from data"))
    if scan.nested_p:
        found.append(Finding(name, f"{scan.nested_p} <p> opened inside an open <p>"))
    text = "".join(scan.text)
    for marker in markers:
        for alive in _alive_strings(marker):
            if alive in html:
                found.append(Finding(name, f"template evaluated: {alive}"))
        for shape in (f"<strong>b{marker}</strong>", f"<strong>fb{marker}</strong>", f"<code>ind{marker}"):
            if shape in html:
                found.append(Finding(name, f"Markdown from data: {shape}"))
        if f">l{marker}</a>" in html or f'alt="i{marker}"' in html:
            found.append(Finding(name, f"Markdown link or image from data ({marker})"))
        if f"u{marker} " in text and "never closed" not in text and not html.rstrip().endswith("</html>"):
            found.append(Finding(name, "an unclosed comment from data swallowed the rest of the page"))
    hidden = [c for c in HIDDEN_CHARACTERS if c in html]
    if hidden:
        found.append(Finding(name, f"raw hidden characters {', '.join(f'U+{ord(c):04X}' for c in hidden)}"))
    shapes: dict[int, set[int]] = {}
    for table, cells in scan.table_rows:
        shapes.setdefault(table, set()).add(cells)
    for table, counts in shapes.items():
        if len(counts) > 1:
            found.append(Finding(name, f"table {table} has rows of {sorted(counts)} cells"))
    return found


def check_feed(name: str, text: str, markers: list[str]) -> list[Finding]:
    """An Atom feed: well-formed XML whose markup no value changed (check_html over the raw XML), and whose
    text constructs a reader would render as HTML (type="html" or "xhtml") hold no live data either."""
    found = check_html(name, text, markers)
    root = ElementTree.fromstring(text.encode("utf-8"))
    if root.tag != "{http://www.w3.org/2005/Atom}feed":
        found.append(Finding(name, f"not an Atom feed: {root.tag}"))
    for element in root.iter():
        kind = element.get("type")
        if kind == "html":
            found += check_html(f"{name} <{element.tag}>", element.text or "", markers)
        elif kind == "xhtml":
            found += check_html(f"{name} <{element.tag}>", ElementTree.tostring(element, encoding="unicode"), markers)
        if kind in ("html", "xhtml") and any(m in ElementTree.tostring(element, encoding="unicode") for m in markers):
            found.append(Finding(name, f"data in a {kind} text construct <{element.tag}>: a reader parses it as HTML"))
    return found


def check_csv(name: str, text: str) -> list[Finding]:
    found = []
    rows = list(csv.reader(io.StringIO(text)))
    if len({len(r) for r in rows}) > 1:
        found.append(Finding(name, f"rows of {sorted({len(r) for r in rows})} cells"))
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-?[0-9,.]+", cell):
                found.append(Finding(name, f"formula-leading cell {cell[:30]!r}"))
    return found


def check_markdown(name: str, text: str, markers: list[str]) -> list[Finding]:
    """A GFM table read back with markdown-it: one cell per column, and no link, image, HTML or emphasis from data."""
    from markdown_it import MarkdownIt

    found = []
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    found += check_html(name + " (rendered)", rendered, markers)
    return found


def check_text_markup(name: str, text: str, markers: list[str]) -> list[Finding]:
    """Wiki markup: no link, template, tag or emphasis from data left unescaped, no raw hidden character.

    MediaWiki reads tags, [links], {{templates}} and bold quotes anywhere in a cell; Confluence wiki
    markup reads [links], {macros} and *strong*, and shows HTML as text (so `<` may stay there)."""
    found = []
    confluence = name.endswith("confluence")
    for marker in markers:
        if confluence:
            shapes = [rf"(?<!\\)\[l{marker}\]", rf"(?<!\\)\*\*b{marker}", r"(?<!\\)\{\{ 7\*6"]
        else:
            shapes = [f'<b data-inj="{marker}"', f"<script>inj{marker}", rf"\[l{marker}\]", r"\{\{ 7\*6"]
        for shape in shapes:
            if re.search(shape, text):
                found.append(Finding(name, f"markup from data left raw: {shape}"))
    hidden = [c for c in HIDDEN_CHARACTERS if c in text]
    if hidden:
        found.append(Finding(name, "raw hidden characters"))
    return found


@dataclass
class Report:
    """Per field: the classes put in, those the schema refused (and why), the outputs its marker reached."""

    exercised: dict[str, list[str]] = field(default_factory=dict)
    refused: dict[str, dict[str, str]] = field(default_factory=dict)
    reached: dict[str, set[str]] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = []
        for f in sorted(set(self.exercised) | set(self.refused)):
            ok = self.exercised.get(f, [])
            lines.append(f"{f}: {len(ok)} classes in; reached {len(self.reached.get(f, ()))} outputs")
            for cls, why in sorted(self.refused.get(f, {}).items()):
                lines.append(f"    refused {cls}: {why}")
        lines += [f"{f}: not present in the data (not exercised)" for f in self.absent]
        return "\n".join(lines) + "\n"
