"""Rules as data: each rule a registered record (id, trigger pattern, handler, base confidence,
the example sentences it exists for), lexicons in data files loaded once, confidences in one
named table (`data/confidences.json`), and one dispatcher that runs spaCy's `Matcher` over a
document and calls each matched rule's handler.

A trigger is a spaCy `Matcher` pattern (a list of token dicts); `{"IN": "@name"}` stands for the
lexicon `data/lexicons/name.txt`. `anchor` picks the token of the match the handler receives.
Every rule's examples become rows of tests/extract/test_rule_examples.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

DATA = Path(__file__).resolve().parent / "data"


@cache
def glossary(name: str) -> dict[str, str]:
    """data/lexicons/NAME.txt: one word a line, optionally 'word: what it records'; '#'
    starts a comment."""
    out: dict[str, str] = {}
    for line in (DATA / "lexicons" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            word, _, detail = entry.partition(":")
            out[word.strip()] = detail.strip() or word.strip()
    return out


@cache
def lexicon(name: str) -> frozenset[str]:
    """The words of data/lexicons/NAME.txt, loaded once."""
    return frozenset(glossary(name))


@cache
def confidences() -> dict[str, float]:
    """Base confidence of every registered rule, by rule id: the one table to tune."""
    table: dict[str, float] = json.loads((DATA / "confidences.json").read_text("utf-8"))
    return table


def confidence(rule_id: str) -> float:
    return confidences()[rule_id]


@dataclass(frozen=True)
class Example:
    """A sentence a rule exists for and what it must yield: ("association", "A", "B")."""

    text: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    patterns: tuple[tuple[dict[str, Any], ...], ...]
    handler: Callable[..., None]
    examples: tuple[Example, ...]
    anchor: int = 0  # which token of a match is the handler's anchor (negative: from the end)

    @property
    def confidence(self) -> float:
        return confidence(self.id)


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.id in RULES:
        raise ValueError(f"rule {rule.id!r} is registered twice")
    if rule.id not in confidences():
        raise ValueError(f"rule {rule.id!r} has no base confidence in data/confidences.json")
    RULES[rule.id] = rule
    return rule


def _resolve(value: Any) -> Any:
    """Replace '@name' lexicon references with the lexicon's words."""
    if isinstance(value, str) and value.startswith("@"):
        return sorted(lexicon(value[1:]))
    if isinstance(value, dict):
        return {k: _resolve(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_resolve(v) for v in value]
    return value


@cache
def _matcher(vocab_id: int, family: str) -> Matcher:
    from loaders.extract.nlp import get_nlp

    matcher = Matcher(get_nlp().vocab)
    for rule in RULES.values():
        if rule.family == family:
            matcher.add(rule.id, [list(_resolve(list(p))) for p in rule.patterns])
    return matcher


def dispatch(doc: Doc, family: str, skip: Callable[[Token], bool], *args: Any) -> None:
    """Run every rule of a family over `doc`: each match calls its rule's handler once with
    the anchor token, the rule, and `args`, in document order."""
    matcher = _matcher(id(doc.vocab), family)
    seen: set[tuple[str, int]] = set()
    for match_id, start, end in matcher(doc):
        rule = RULES[doc.vocab.strings[match_id]]
        tok = doc[end + rule.anchor] if rule.anchor < 0 else doc[start + rule.anchor]
        if (rule.id, tok.i) in seen or skip(tok):
            continue
        seen.add((rule.id, tok.i))
        rule.handler(tok, rule, *args)
