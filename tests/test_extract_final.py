"""The final test set (examples/final) that nobody tunes on.

Its scores are measured and reported (`kb eval examples/final`), never used to
change the extractor, so no score floor lives here: only what must hold on any
text at all. Every article extracts without error, every citation is exact, and
every report the extractor produces loads as a valid sourced report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.model.report import parse_report
from loaders.articles import extract_report
from loaders.extract.evaluate import evaluate_dir

FINAL = Path(__file__).resolve().parents[1] / "examples" / "final"
ARTICLES = sorted(FINAL.glob("*.txt"))


def test_every_citation_on_the_final_set_is_exact() -> None:
    result = evaluate_dir(FINAL)
    assert result["count"] == len(ARTICLES) > 0
    citations = result["micro"]["citations"]
    assert citations["cited"] > 0 and citations["valid"] == citations["cited"]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_each_final_article_becomes_a_valid_report(path: Path) -> None:
    report, text = parse_report(extract_report(path))
    assert text == path.read_text(encoding="utf-8")
    for allegation in report.allegations:
        assert not set(allegation.all_accusers) & set(allegation.accused)
