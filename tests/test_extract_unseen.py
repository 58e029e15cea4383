"""The final test set (examples/unseen) that nobody tunes on.

Its scores are measured and reported (`kb eval examples/unseen`), never used to
change the extractor, so no score floor lives here: only what must hold on any
text at all. Every article extracts without error, every citation is exact, and
every report the extractor produces loads as a valid sourced report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.articles import extract_report
from loaders.extract.evaluate import evaluate_dir
from loaders.reports import parse_report

UNSEEN = Path(__file__).resolve().parents[1] / "examples" / "unseen"
ARTICLES = sorted(UNSEEN.glob("*.txt"))


def test_every_citation_on_the_unseen_set_is_exact() -> None:
    result = evaluate_dir(UNSEEN)
    assert result["count"] == len(ARTICLES) > 0
    citations = result["micro"]["citations"]
    assert citations["cited"] > 0 and citations["valid"] == citations["cited"]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_each_unseen_article_becomes_a_valid_report(path: Path) -> None:
    report, text = parse_report(extract_report(path))
    assert text == path.read_text(encoding="utf-8")
    for allegation in report.allegations:
        assert not set(allegation.all_accusers) & set(allegation.accused)
