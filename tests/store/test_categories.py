"""One vocabulary of categories: an allegation's category comes from its own words."""

from __future__ import annotations

import pytest

from kb.model.categories import OTHER, categorise, infer_categories

# (summary, sentence, expected categories); invented sentences.
CASES = [
    ("sexual harassment", None, ["sexual misconduct"]),
    ("sexually assaulting a former intern", None, ["sexual misconduct"]),
    ("that he groped her at a gala", "A singer said that he groped her at a gala.",
     ["sexual misconduct"]),
    ("bullying junior staff", None, ["abuse"]),
    ("sexual harassment and verbal abuse", None, ["abuse", "sexual misconduct"]),
    ("inflating revenue by $40 million", None, ["fraud"]),
    ("offering bribes to an inspector", None, ["corruption"]),
    ("$90,000 in unpaid wages", None, ["wage violations"]),
    # The category comes from the allegation's own words, not the rest of its sentence.
    ("underpaying night-shift cooks",
     "Amid the sexual harassment inquiry, a cook accused the owner of underpaying night-shift "
     "cooks.", ["wage violations"]),
    ("lawsuit", "The cooks sued the owner for sexually harassing them.", ["sexual misconduct"]),
    ("a complaint", "The porter filed a complaint against the manager.", [OTHER]),
    ("that he exposed himself in a trailer", None, ["sexual misconduct"]),
    ("that she forged board minutes", None, ["fraud"]),
    ("misconduct", None, [OTHER]),
]


@pytest.mark.parametrize(("summary", "sentence", "expected"), CASES)
def test_a_category_comes_from_the_allegations_own_words(
    summary: str, sentence: str | None, expected: list[str]
) -> None:
    assert categorise(summary, sentence) == expected


def test_curated_reports_and_the_extractor_share_one_vocabulary() -> None:
    from loaders.extract import pipeline

    assert pipeline.categorise is categorise
    assert infer_categories("sexual harassment", "quote") == categorise("sexual harassment")
