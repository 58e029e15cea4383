"""`kb eval` scores relations, categories and the four kinds of wrong fact."""

from __future__ import annotations

from typing import Any

import pytest

from loaders.extract.evaluate import score

TEXT = (
    "Nora Vale accused Piet Oster of harassment, the Coast Ledger reported (AP). "
    "Oster denied it. Vale works for Halden Labs and co-starred with Ida Brun. "
    "Oster also disputes the auditor's findings."
)


def _cited(quote: str, **item: Any) -> dict[str, Any]:
    start = TEXT.index(quote)
    return {**item, "quote": quote, "start": start, "end": start + len(quote), "confidence": 0.9}


GOLD: dict[str, Any] = {
    "people": ["Nora Vale", "Piet Oster", "Ida Brun"],
    "organisations": ["Halden Labs"],
    "publications": ["Coast Ledger"],
    "allegations": [
        {"accuser": "Nora Vale", "accused": "Piet Oster", "summary": "harassment",
         "quote": "Nora Vale accused Piet Oster of harassment"},
    ],
    "denials": [
        {"denier": "Piet Oster", "accused": "Piet Oster", "denies_allegation_by": "Nora Vale",
         **_cited("Oster denied it")},
        {"denier": "Piet Oster", "accused": "Piet Oster", "denies_allegation_by": None,
         **_cited("Oster also disputes the auditor's findings")},
    ],
    "relations": [
        {"kind": "affiliation", "person": "Nora Vale", "organisation": "Halden Labs"},
        {"kind": "association", "a": "Nora Vale", "b": "Ida Brun"},
    ],
}


def _report(**sections: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "publication": {"text": TEXT, "outlet": "Coast Ledger"},
        "people": GOLD["people"], "organisations": GOLD["organisations"],
        "allegations": [], "denials": [], "responses": [], "relations": [],
    }
    return {**base, **sections}


ALLEGATION = _cited("Nora Vale accused Piet Oster of harassment", accuser="Nora Vale",
                    accused="Piet Oster", summary="harassment", categories=["sexual misconduct"])

WRONG = [
    ("reversed",
     {"allegations": [{**ALLEGATION, "accuser": "Piet Oster", "accused": "Nora Vale"}]}),
    ("outlet_accuser", {"allegations": [{**ALLEGATION, "accuser": "AP"}]}),
    ("outlet_accuser", {"allegations": [{**ALLEGATION, "accuser": "Coast Ledger"}]}),
    ("accuser_denier", {"denials": [_cited("Oster denied it", denier="Nora Vale")]}),
    ("wrong_link", {"denials": [_cited("Oster also disputes the auditor's findings",
                                       denier="Piet Oster", denies_allegation_by="Nora Vale")]}),
]


@pytest.mark.parametrize(("kind", "sections"), WRONG)
def test_each_kind_of_wrong_fact_is_found(kind: str, sections: dict[str, Any]) -> None:
    kinds = [f["kind"] for f in score(_report(**sections), GOLD)["wrong_facts"]]
    assert kinds == [kind]


def test_right_facts_are_not_wrong() -> None:
    report = _report(
        allegations=[ALLEGATION],
        denials=[_cited("Oster denied it", denier="Piet Oster", denies_allegation_by="Nora Vale"),
                 _cited("Oster also disputes the auditor's findings", denier="Piet Oster",
                        denies_allegation_by=None)],
    )
    result = score(report, GOLD)
    assert result["wrong_facts"] == []
    assert result["categories"] == {"correct": 1, "scored": 1}


def test_a_wrong_category_is_counted() -> None:
    report = _report(allegations=[{**ALLEGATION, "categories": ["fraud"]}])
    assert score(report, GOLD)["categories"] == {"correct": 0, "scored": 1}


def test_relations_are_scored_with_associations_in_either_order() -> None:
    report = _report(relations=[
        _cited("Vale works for Halden Labs", kind="affiliation", person="Nora Vale",
               organisation="Halden Labs", role=None),
        _cited("co-starred with Ida Brun", kind="association", a="Ida Brun", b="Nora Vale"),
        _cited("Oster denied it", kind="association", a="Piet Oster", b="Ida Brun"),
    ])
    rel = score(report, GOLD)["relations"]
    assert (rel["tp"], rel["fp"], rel["fn"]) == (2, 1, 0)
