"""Strict YAML reading for contributed data.

PyYAML alone would keep the last of two duplicate keys, expand an "alias bomb" into
billions of nodes when the data is walked, build Python objects from tags such as
`!!python/object`, read `no` as False and turn dates into objects that JSON Schema cannot
check. This reader first walks the parser's events (counting what aliases expand to and
refusing tags), then composes the node graph and checks it, records the line of every
field for error messages, and only then builds plain data. Every refusal names the file,
the line and the field.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

#: Total nodes a document may expand to once aliases are followed. Real entries have a
#: few hundred; an alias bomb has billions.
MAX_EXPANDED_NODES = 20_000
MAX_FILE_BYTES = 512 * 1024
#: Benchmark run files are written by the harness and keep every repeat of every point: a full run
#: (41 setups, 6 shards) is about 1 MB. Still bounded: a file is read whole before parsing.
MAX_RUN_FILE_BYTES = 2 * 1024 * 1024
#: A value quoted in a message is cut to about this many characters.
QUOTE_LIMIT = 80
#: Explicit tags a data file may use: they build the same plain values as untagged YAML.
_PLAIN_TAGS = {"!"} | {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}

Path = tuple[str | int, ...]


@dataclass
class Problem:
    """One thing wrong with one file, located for a human: `file:line: field: message`."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '(file)'}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so a contributor fixes them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Document:
    data: object
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """Line of `path`, or of its nearest ancestor that exists (for missing fields)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def char_name(ch: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: a character named so that a message shows it."""
    names = {
        "\x00": "NULL",
        "\x08": "BACKSPACE",
        "\t": "CHARACTER TABULATION",
        "\n": "LINE FEED",
        "\x0b": "LINE TABULATION",
        "\x0c": "FORM FEED",
        "\r": "CARRIAGE RETURN",
        "\x1b": "ESCAPE",
        "\x7f": "DELETE",
        "\x85": "NEXT LINE",
    }
    return f"U+{ord(ch):04X} {names.get(ch) or unicodedata.name(ch, 'CONTROL CHARACTER')}"


def _visible(ch: str) -> str:
    # Controls, format characters (bidi overrides, zero-width ones) and line separators
    # are written as escapes: printed raw they would reorder or hide the message itself.
    return f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs") else ch


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`value` as a message shows it: as JSON, invisible characters escaped, cut to about
    `limit` characters with an ellipsis."""
    if isinstance(value, str) and len(value) > limit:
        return "".join(map(_visible, json.dumps(value[: limit - 1], ensure_ascii=False)))[:-1] + '…"'
    text = "".join(map(_visible, json.dumps(value, default=str, ensure_ascii=False)))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short(text: object, limit: int = QUOTE_LIMIT) -> str:
    """`text` for a message that puts it in 'quotes': invisible characters escaped, cut."""
    text = str(text)
    cut = len(text) > limit
    return "".join(map(_visible, text[: limit - 1] if cut else text)) + ("…" if cut else "")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and dates left as strings."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _Lines:
    """Line numbers as editors and `grep -n` count them (PyYAML also breaks at U+0085,
    U+2028 and U+2029, which prose may hold), from a mark's character index."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, mark: yaml.Mark | None) -> int | None:
        return None if mark is None else self.at(mark.index)

    def at(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index)


def _show_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


@dataclass
class _Frame:
    """An open sequence or mapping while the events are walked."""

    path: Path
    anchor: str | None
    start_total: int
    mapping: bool
    index: int = 0
    expect_key: bool = True
    key: str | int = "?"


class _Replay(yaml.composer.Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """Composes and constructs from events already parsed (and checked) once, with the
    strict loader's resolvers: the text is parsed once, not once per stage."""

    yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers

    def __init__(self, events: list[yaml.Event]):
        self._events, self._next = events, 0
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    def check_event(self, *choices) -> bool:
        if self._next >= len(self._events):
            return False
        return not choices or isinstance(self._events[self._next], choices)

    def peek_event(self) -> yaml.Event:
        return self._events[self._next]

    def get_event(self) -> yaml.Event:
        self._next += 1
        return self._events[self._next - 1]


def _walk_events(text: str, name: str, line: _Lines, events: list[yaml.Event]) -> list[Problem]:
    """Refuse tags that build objects and aliases that multiply the data, from the event
    stream (nothing is expanded), each at the line of the tag or of the alias at fault.
    The events are kept in `events` for composing."""
    problems: list[Problem] = []
    total = 0  # nodes so far with every alias followed
    sizes: dict[str, int] = {}  # anchor -> nodes it stands for
    stack: list[_Frame] = []

    def here() -> Path:
        if not stack:
            return ()
        top = stack[-1]
        if not top.mapping:
            return top.path + (top.index,)
        return top.path if top.expect_key else top.path + (top.key,)

    def done(key: str | int = "?") -> None:
        if stack:
            top = stack[-1]
            if not top.mapping:
                top.index += 1
            elif top.expect_key:
                top.expect_key, top.key = False, key
            else:
                top.expect_key = True

    for event in yaml.parse(text, Loader=_StrictLoader):
        events.append(event)
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            tag = event.tag
            if tag is not None and tag not in _PLAIN_TAGS:
                problems.append(
                    Problem(
                        name,
                        line(event.start_mark),
                        dotted(here()),
                        f"YAML tag {quote(_show_tag(tag))} is not allowed: data files hold plain text, numbers, "
                        "true/false, null, lists and mappings (remove the tag)",
                    )
                )
            total += 1
        if isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                sizes[event.anchor] = 1
            done(event.value)
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append(_Frame(here(), event.anchor, total - 1, isinstance(event, yaml.MappingStartEvent)))
        elif isinstance(event, yaml.CollectionEndEvent):
            frame = stack.pop()
            if frame.anchor:
                sizes[frame.anchor] = total - frame.start_total
            done()
        elif isinstance(event, yaml.AliasEvent):
            where = (name, line(event.start_mark), dotted(here()))
            if any(f.anchor == event.anchor for f in stack):
                problems.append(Problem(*where, f"alias *{event.anchor} refers to a node that contains it (recursive alias)"))
                return problems
            if event.anchor not in sizes:
                problems.append(Problem(*where, f"alias *{event.anchor} names no anchor &{event.anchor} defined above it"))
                return problems
            size = sizes[event.anchor]
            total += size
            if total > MAX_EXPANDED_NODES:
                problems.append(
                    Problem(
                        *where,
                        f"aliases expand to more than the {MAX_EXPANDED_NODES} nodes allowed at this alias "
                        f"(*{event.anchor} stands for {size} nodes); write the values out instead",
                    )
                )
                return problems
            done()
    return problems


def _check_nodes(
    node: yaml.Node, path: Path, doc: Document, name: str, problems: list[Problem], seen: set[int], line: _Lines
) -> None:
    doc.lines.setdefault(path, line(node.start_mark))
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_line: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            at = line(key_node.start_mark)
            if key == "<<":
                problems.append(Problem(name, at, dotted(path), "merge keys (<<) are not allowed"))
                continue
            if key in first_line:
                problems.append(
                    Problem(
                        name,
                        at,
                        dotted(path + (key,)),
                        f"duplicate key '{short(key)}' (first defined on line {first_line[key]}); "
                        "YAML would silently keep only the last one",
                    )
                )
                continue
            first_line[key] = at
            doc.lines[path + (key,)] = at
            _check_nodes(value_node, path + (key,), doc, name, problems, seen, line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check_nodes(item, path + (index,), doc, name, problems, seen, line)


def decode(data: bytes, name: str) -> str:
    """The UTF-8 text of a file, or DataError at the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = (
            f"not UTF-8 text: byte 0x{data[exc.start]:02X} at byte offset {exc.start} (column {column}) "
            f"does not start a valid UTF-8 sequence ({exc.reason}); save the file as UTF-8"
        )
        raise DataError([Problem(name, line, "", message)]) from None


def max_bytes(schema: str) -> int:
    """The size cap of a data file checked against `schema`: run files are larger than hand-written entries."""
    return MAX_RUN_FILE_BYTES if schema == "benchmark" else MAX_FILE_BYTES


def load_yaml(text: str | bytes, name: str, limit: int = MAX_FILE_BYTES) -> Document:
    """Parse one YAML document strictly (at most `limit` bytes: max_bytes()), or raise DataError naming file,
    line and field."""
    size = len(text) if isinstance(text, bytes) else len(text.encode())
    if size > limit:
        raise DataError([Problem(name, None, "", f"file is larger than {limit // 1024} KiB")])
    if isinstance(text, bytes):
        text = decode(text, name)
    line = _Lines(text)
    events: list[yaml.Event] = []
    try:
        problems = _walk_events(text, name, line, events)
        if problems:
            raise DataError(problems)
        loader = _Replay(events)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"malformed YAML: {exc.problem or exc.context}"
        if exc.problem == "but found another document":
            message = "malformed YAML: a data file holds one document; a second one starts here"
        elif exc.problem and exc.context and exc.context_mark:
            message += f" ({exc.context} started on line {line(exc.context_mark)})"
        raise DataError([Problem(name, line(mark), "", message)]) from None
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow (text input: a code point)
        message = f"malformed YAML: {char_name(chr(exc.character))} is not allowed in a YAML file"
        raise DataError([Problem(name, line.at(exc.position), "", message)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, None, "", f"malformed YAML: {exc}")]) from None
    if node is None:
        raise DataError([Problem(name, 1, "", "file is empty")])
    doc = Document(data=None)
    problems = []
    _check_nodes(node, (), doc, name, problems, set(), line)
    if problems:
        raise DataError(problems)
    try:
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:  # e.g. an unhashable key
        raise DataError([Problem(name, line(exc.problem_mark), "", f"malformed YAML: {exc.problem}")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, None, "", f"malformed YAML: {exc}")]) from None
    return doc
