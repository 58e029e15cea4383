"""Every registered rule's example sentences, as one table: each must yield what it names."""

from __future__ import annotations

import pytest

import loaders.extract.relations  # noqa: F401  (registers the families it dispatches)
from loaders.extract.pipeline import build_context
from loaders.extract.registry import RULES, Example, confidences, dispatch, lexicon

ROWS = [(rule.id, ex) for rule in RULES.values() for ex in rule.examples]


@pytest.mark.parametrize(("rule_id", "example"), ROWS, ids=[f"{r}:{i}" for i, (r, _) in
                                                           enumerate(ROWS)])
def test_a_rule_yields_what_its_example_names(rule_id: str, example: Example) -> None:
    rule = RULES[rule_id]
    ctx = build_context(example.text)
    made: list[tuple[str, set[str], str, float]] = []
    dispatch(ctx.doc, rule.family, lambda tok: False, ctx,
             lambda kind, fields, detail, toks, anchor, method, conf: made.append(
                 (kind, {e.name for e in fields.values()}, method, conf)))
    kind, *names = example.expect
    assert (kind, set(names), f"rule:{rule_id}", rule.confidence) in made, made


def test_every_rule_has_examples_and_a_base_confidence() -> None:
    assert RULES
    for rule in RULES.values():
        assert rule.examples, rule.id
        assert 0 < confidences()[rule.id] <= 1
    assert set(confidences()) >= set(RULES)


def test_a_lexicon_is_read_once_from_its_data_file() -> None:
    words = lexicon("association_role_nouns")
    assert "attorney" in words and not any(w.startswith("#") for w in words)
    assert lexicon("association_role_nouns") is words
