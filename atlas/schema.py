"""JSON Schema checking that speaks in file, line and field.

jsonschema's own messages name Python types and schema internals; a contributor needs to
know which line to change and what is expected there.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import jsonschema
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .yamlsafe import Document, Problem, dotted

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

_TYPE_NAMES = {
    "boolean": "true or false",
    "null": "null",
    "string": "a string",
    "integer": "a whole number",
    "object": "a mapping",
    "array": "a list",
    "number": "a number",
}


@cache
def load_schema(name: str) -> dict:
    """The schema `schemas/<name>.schema.json`."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text())


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = load_schema(name)
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _describe(instance: object) -> str:
    text = json.dumps(instance, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _expected(error: jsonschema.ValidationError) -> str:
    v, sch = error.validator, error.schema
    if v == "type":
        types = sch["type"] if isinstance(sch["type"], list) else [sch["type"]]
        return f"expected {' or '.join(_TYPE_NAMES.get(t, t) for t in types)}, got {_describe(error.instance)}"
    if v == "enum":
        return f"expected one of {', '.join(map(str, sch['enum']))}; got {_describe(error.instance)}"
    if v == "const":
        return f"expected {sch['const']!r}, got {_describe(error.instance)}"
    if v == "pattern":
        what = sch.get("description") or f"text matching {sch['pattern']}"
        return f"expected {what}, got {_describe(error.instance)}"
    if v == "format":
        return f"expected a {sch['format']} (YYYY-MM-DD), got {_describe(error.instance)}"
    if v in ("minProperties", "maxProperties") and "description" in sch and isinstance(error.instance, dict):
        return f"expected {sch['description']}, got {', '.join(error.instance) or 'none'}"
    if v in ("minLength", "maxLength", "minItems", "minimum", "maximum", "uniqueItems"):
        return f"{error.message}"
    return error.message


def _leaf_errors(errors):
    """Flatten anyOf/oneOf so the message names the specific failing alternative."""
    for error in errors:
        if error.validator in ("anyOf", "oneOf") and error.context:
            # Prefer the alternative that got furthest (not the `null` branch).
            non_null = [e for e in error.context if not (e.validator == "type" and e.schema.get("type") == "null")]
            yield from _leaf_errors(non_null or error.context)
        else:
            yield error


def validate(doc: Document, schema_name: str, file: str) -> list[Problem]:
    """Every schema violation in `doc`, sorted by line."""
    problems: list[Problem] = []
    for error in _leaf_errors(_validator(schema_name).iter_errors(doc.data)):
        path = tuple(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1]
            hint = error.schema.get("$comment")
            problems.append(
                Problem(
                    file,
                    doc.line_of(path),
                    dotted(path + (missing,)),
                    f"missing required field '{missing}'" + (f" ({hint})" if hint else ""),
                )
            )
        elif error.validator in ("additionalProperties", "unevaluatedProperties"):
            allowed = sorted(error.schema.get("properties", {})) if error.validator == "additionalProperties" else []
            for extra in _unexpected(error, load_schema(schema_name)):
                msg = f"unknown field '{extra}'"
                if allowed:
                    msg += f"; allowed: {', '.join(allowed)}"
                problems.append(Problem(file, doc.line_of(path + (extra,)), dotted(path + (extra,)), msg))
        elif error.validator == "not" and path and isinstance(error.instance, dict) and "reason" in error.instance:
            problems.append(
                Problem(
                    file,
                    doc.line_of(path + ("reason",)),
                    dotted(path + ("reason",)),
                    "a known value takes no 'reason' (only null values do)",
                )
            )
        else:
            problems.append(Problem(file, doc.line_of(path), dotted(path), _expected(error)))
    unique = {(p.line, p.field, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.line or 0, p.field))


def _unexpected(error: jsonschema.ValidationError, root: dict) -> list[str]:
    """The offending keys, from jsonschema's "('x', 'y' were unexpected)" wording.

    When a sibling subschema failed (a missing fact, say), 2020-12 counts that subschema's
    properties as unevaluated too; those are known fields, so they are not reported.
    """
    match = re.search(r"\((.*) (?:was|were) unexpected\)", error.message)
    names = re.findall(r"'([^']*)'", match.group(1)) if match else ["?"]
    known: set[str] = set()
    stack = [error.schema]
    while stack:
        sch = stack.pop()
        known |= set(sch.get("properties", {}))
        for sub in sch.get("allOf", []):
            ref = sub.get("$ref", "")
            stack.append(root["$defs"][ref.rsplit("/", 1)[1]] if ref.startswith("#/$defs/") else sub)
    return [n for n in names if n not in known]
