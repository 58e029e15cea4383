"""JSON and YAML read strictly: a report file is evidence, so no silent last-one-wins.

Both parsers refuse a key given twice in one object (the last ``text`` or ``quote``
would otherwise win unnoticed), nesting deeper than any report needs (a
``RecursionError`` would otherwise abort a whole batch), and YAML aliases (a few
lines of anchors can expand to gigabytes). Every refusal is one ``InvalidReport``
line naming what is wrong.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from kb.errors import InvalidInput, InvalidReport

MAX_DEPTH = 32  # a report nests five levels; the slack is for future fields


class _Duplicate(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _too_deep(value: Any) -> bool:
    """Deeper than MAX_DEPTH, checked without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            if depth > MAX_DEPTH:
                return True
            stack.extend((child, depth + 1) for child in item)
    return False


def _text(value: str) -> str:
    """A string as text: surrogate pairs joined (PyYAML leaves ``\\ud83d\\ude00`` as two
    halves), a lone surrogate refused (it is not text and no database will store it)."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        return value.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        bad = next(ch for ch in value if "\ud800" <= ch <= "\udfff")
        raise InvalidInput(f"a string contains a lone surrogate (U+{ord(bad):04X}), which is "
                           "not text") from None


def _only_text(value: Any) -> Any:
    """``value`` with every string (keys too) made text by ``_text``."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dict):
        return {_only_text(k): _only_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_only_text(v) for v in value]
    return value


def _deep() -> InvalidReport:
    return InvalidReport(f"nested more than {MAX_DEPTH} levels deep")


def load_json(raw: str | bytes) -> Any:
    """Parse JSON; duplicate keys, excessive nesting, bad encoding and lone surrogates are
    refused (``InvalidInput`` for the last, ``InvalidReport`` for the rest)."""
    try:
        data = json.loads(raw, object_pairs_hook=_pairs)
    except _Duplicate as exc:
        raise InvalidReport(f"the key {exc.args[0]!r} is given twice in one object") from None
    except json.JSONDecodeError as exc:
        raise InvalidReport(
            f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except UnicodeDecodeError as exc:
        raise InvalidReport(f"not UTF-8 (byte {exc.start})") from None
    except RecursionError:
        raise _deep() from None
    if _too_deep(data):
        raise _deep()
    return _only_text(data)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a mapping key given twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                line = key_node.start_mark.line + 1
                raise InvalidReport(f"the key {key!r} is given twice in one mapping "
                                    f"(line {line})")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(raw: str) -> Any:
    """Parse YAML; duplicate keys, aliases and excessive nesting are refused."""
    try:
        depth = 0
        for event in yaml.parse(raw, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise InvalidReport("YAML aliases (*name) are not allowed in a report")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _deep()
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return _only_text(yaml.load(raw, Loader=_StrictLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InvalidReport(f"malformed YAML{where}: {getattr(exc, 'problem', exc)}") from None
