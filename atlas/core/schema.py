"""JSON Schema checking that speaks in file, line and field.

jsonschema's own messages name Python types and schema internals; a contributor needs to
know which line to change and what is expected there. A value quoted in a message is cut
to about 80 characters, with invisible characters escaped.

Text rules live in the schemas, as two shared definitions every schema repeats verbatim
(`$defs/line`, `$defs/name`): single-line fields refuse line breaks and other control
characters; names and identifiers also refuse bidirectional controls and invisible
characters (Trojan Source, CVE-2021-42574). A failure of either is reported by the
character at fault, by code point and name, not as the raw regular expression.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import jsonschema
from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry, Resource

from atlas.core.yamlsafe import Document, Problem, char_name, dotted, quote, short

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"

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


#: What each shared text rule says when a value breaks it.
TEXT_RULES = {
    "line": "this field must be a single line",
    "name": "names must be visible single-line text",
}
_LINE_BREAKS = set("\n\r\x0b\x0c\x85\u2028\u2029")
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@cache
def _ecma(pattern: str) -> re.Pattern:
    """A schema pattern as ECMA-262 reads it: `$` (outside a class) ends the text, where
    Python's `$` would also match before a final newline and let "name\\n" through."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        in_class = (in_class or ch == "[") and not (in_class and ch == "]")
        out.append(r"\Z" if ch == "$" and not in_class else ch)
        i += 1
    return re.compile("".join(out))


def _pattern(validator, pattern: str, instance: object, schema: dict):
    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{quote(instance)} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = load_schema(name)
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    return _Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def text_rules() -> dict[str, tuple[str, re.Pattern]]:
    """{pattern of a shared text definition: (what it says, the characters it refuses)}."""
    rules = {}
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        defs = load_schema(path.name.removesuffix(".schema.json")).get("$defs", {})
        for def_name, says in TEXT_RULES.items():
            if def_name in defs:
                pattern = defs[def_name]["pattern"]
                refused = pattern.removeprefix("^[^").removesuffix("]*$")
                rules[pattern] = (says, re.compile(f"[{refused}]"))
    return rules


def char_kind(ch: str) -> str:
    if ch in _LINE_BREAKS:
        return "line break"
    if ch in _BIDI:
        return "bidirectional control, see CVE-2021-42574"
    if unicodedata.category(ch) == "Cc":
        return "control character"
    return "invisible character"


def _refused_char(pattern: str, instance: str) -> str | None:
    """The first character of `instance` that a shared text rule refuses: the rule that
    failed, or for any other pattern (ids, URLs), the rule for names."""
    rules = text_rules()
    if pattern in rules:
        refused = rules[pattern][1]
    else:
        refused = next((r for says, r in rules.values() if says == TEXT_RULES["name"]), None)
    match = refused.search(instance) if refused else None
    return match.group() if match else None


def _describe(instance: object) -> str:
    return quote(instance)


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
        bad = _refused_char(sch["pattern"], error.instance) if isinstance(error.instance, str) else None
        if bad and sch["pattern"] in text_rules():
            return f"contains {char_name(bad)} ({char_kind(bad)}); {text_rules()[sch['pattern']][0]}"
        if bad:
            return f"contains {char_name(bad)} ({char_kind(bad)}); expected {what}"
        return f"expected {what}, got {_describe(error.instance)}"
    if v == "format":
        return f"expected a {sch['format']} (YYYY-MM-DD), got {_describe(error.instance)}"
    if v in ("minProperties", "maxProperties") and "description" in sch and isinstance(error.instance, dict):
        return f"expected {sch['description']}, got {', '.join(error.instance) or 'none'}"
    if v in ("minLength", "maxLength") and isinstance(error.instance, str):
        n, limit = len(error.instance), sch[v]
        if v == "maxLength":
            return f"is too long: {n} characters, at most {limit}"
        return f"is too short: {n} characters, at least {limit}"
    if v in ("minItems", "maxItems") and isinstance(error.instance, list):
        n, limit = len(error.instance), sch[v]
        return f"has {n} items, {'at least' if v == 'minItems' else 'at most'} {limit}"
    if v == "uniqueItems" and isinstance(error.instance, list):
        repeated = [x for i, x in enumerate(error.instance) if x in error.instance[:i]]
        return f"lists {_describe(repeated[0]) if repeated else 'an item'} more than once"
    # jsonschema's own wording starts with the whole value: quote it cut instead.
    return error.message.replace(repr(error.instance), _describe(error.instance), 1)


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
                msg = f"unknown field '{short(extra)}'"
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
