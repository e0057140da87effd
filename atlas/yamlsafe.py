"""Strict YAML reading for contributed data.

PyYAML alone would keep the last of two duplicate keys, expand an "alias bomb" into
billions of nodes when the data is walked, read `no` as False and turn dates into
objects that JSON Schema cannot check. This reader composes the node graph first, checks
it, records the line of every field for error messages, and only then builds plain data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

#: Total nodes a document may expand to once aliases are followed. Real entries have a
#: few hundred; an alias bomb has billions.
MAX_EXPANDED_NODES = 20_000
MAX_FILE_BYTES = 512 * 1024

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


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and dates left as strings."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _RecursiveAlias(Exception):
    pass


def _expanded_size(node: yaml.Node, memo: dict[int, int | None]) -> int:
    key = id(node)
    if key in memo:
        if memo[key] is None:  # still being measured: the node contains itself
            raise _RecursiveAlias
        return memo[key]
    memo[key] = None
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(v, memo) for v in node.value)
    else:
        size = 1
    memo[key] = size
    return size


def _check_nodes(node: yaml.Node, path: Path, doc: Document, name: str, problems: list[Problem], seen: set[int]) -> None:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_line: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            line = key_node.start_mark.line + 1
            if key == "<<":
                problems.append(Problem(name, line, dotted(path), "merge keys (<<) are not allowed"))
                continue
            if key in first_line:
                problems.append(
                    Problem(
                        name,
                        line,
                        dotted(path + (key,)),
                        f"duplicate key '{key}' (first defined on line {first_line[key]}); "
                        "YAML would silently keep only the last one",
                    )
                )
                continue
            first_line[key] = line
            doc.lines[path + (key,)] = line
            _check_nodes(value_node, path + (key,), doc, name, problems, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check_nodes(item, path + (index,), doc, name, problems, seen)


def load_yaml(text: str, name: str) -> Document:
    """Parse one YAML document strictly, or raise DataError naming file, line and field."""
    if len(text.encode()) > MAX_FILE_BYTES:
        raise DataError([Problem(name, None, "", f"file is larger than {MAX_FILE_BYTES // 1024} KiB")])
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = f"malformed YAML: {exc.problem or exc.context}"
        if exc.problem and exc.context and exc.context_mark:
            message += f" ({exc.context} started on line {exc.context_mark.line + 1})"
        raise DataError([Problem(name, line, "", message)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, None, "", f"malformed YAML: {exc}")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise DataError([Problem(name, 1, "", "file is empty")])
    try:
        size = _expanded_size(node, {})
    except _RecursiveAlias:
        raise DataError([Problem(name, None, "", "an alias refers to a node that contains it (recursive alias)")]) from None
    if size > MAX_EXPANDED_NODES:
        raise DataError(
            [
                Problem(
                    name,
                    node.start_mark.line + 1,
                    "",
                    f"aliases expand to {size} nodes, more than the {MAX_EXPANDED_NODES} allowed",
                )
            ]
        )
    doc = Document(data=None)
    problems: list[Problem] = []
    _check_nodes(node, (), doc, name, problems, set())
    if problems:
        raise DataError(problems)
    try:
        doc.data = _StrictLoader(text).get_single_data()
    except yaml.YAMLError as exc:  # e.g. an unhashable key
        raise DataError([Problem(name, None, "", f"malformed YAML: {exc}")]) from None
    return doc
