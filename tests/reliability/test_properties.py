"""Properties that hold for any input: the quote locator, the report model, the strict parser."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kb.errors import InvalidReport, QuoteAmbiguous
from kb.model.plan import build_plan, collect_entities, default_resolution, locate
from kb.model.report import Report
from kb.model.strict_parse import load_json, load_yaml

# Any text, astral characters and line ends included: offsets count code points.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300)


@st.composite
def text_and_slice(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(TEXT)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(text_and_slice())
def test_a_quote_taken_from_the_text_is_found_at_its_offsets(case: tuple[str, int, int]) -> None:
    text, start, end = case
    quote = text[start:end]
    span = locate(text, quote, start, None, "q")
    assert (span.start, span.end, span.quote) == (start, end, quote)
    assert text[span.start:span.end] == quote


@given(text_and_slice())
def test_without_offsets_a_quote_is_found_once_or_called_ambiguous(
    case: tuple[str, int, int]
) -> None:
    text, start, end = case
    quote = text[start:end]
    first = text.find(quote)
    if text.find(quote, first + 1) >= 0:
        with pytest.raises(QuoteAmbiguous):
            locate(text, quote, None, None, "q")
    else:
        span = locate(text, quote, None, None, "q")
        assert (span.start, span.end) == (start, end)


NAMES = st.text(st.characters(), min_size=1, max_size=40)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
@given(text_and_slice(), NAMES, NAMES)
def test_any_report_validates_or_is_refused_and_every_citation_is_exact(
    case: tuple[str, int, int], accuser: str, accused: str
) -> None:
    text, start, end = case
    data: dict[str, Any] = {
        "publication": {"title": "t", "outlet": "o", "text": text},
        "people": [accuser, accused],
        "allegations": [{"accuser": accuser, "accused": accused, "summary": "s",
                         "quote": text[start:end], "start": start}],
    }
    try:
        report = Report.model_validate(data)
        refs = collect_entities(report)
        plan = build_plan(report, text, default_resolution(refs), refs, created_by="test")
    except (ValidationError, InvalidReport):
        return  # refused with a reason: a blank publication, an unnamed name, a self-accusation
    assert plan.citations, "an allegation with an accuser was planned without a citation"
    for cit in plan.citations:
        assert text[cit.start:cit.end] == cit.quote


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(st.characters(exclude_categories=("Cs",))),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_strict_json_reads_what_json_writes(value: Any) -> None:
    assert load_json(json.dumps(value)) == value


@given(st.dictionaries(st.text(st.characters(categories=("L", "N")), min_size=1, max_size=8),
                       st.integers() | st.text(st.characters(categories=("L", "N", "Zs")),
                                               max_size=20), max_size=6))
def test_strict_yaml_reads_what_json_writes(value: dict[str, Any]) -> None:
    # JSON is YAML: the strict YAML reader agrees with it on plain mappings.
    assert load_yaml(json.dumps(value)) == value
