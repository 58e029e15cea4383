"""Every gold set scored as `kb eval` scores it, against its row of floors.py.

One test per set, so each set is extracted and scored once (about 30 s for all of them on
one core: marked slow). The final set also proves that every report the extractor writes
loads as a valid sourced report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.model.report import parse_report
from loaders.articles import extract_report
from loaders.extract.evaluate import evaluate_dir
from tests.conftest import REPO
from tests.extract.floors import CORPUS, FLOORS, misses

EXAMPLES = REPO / "examples"
FINAL = sorted((EXAMPLES / "final").glob("*.txt"))


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FLOORS))
def test_scores_stay_above_their_floors(name: str, request: pytest.FixtureRequest) -> None:
    folder = request.getfixturevalue("corpus_dir") if name == CORPUS else EXAMPLES / name
    result = evaluate_dir(folder)
    assert result["count"] > 0, f"no article with a gold file in {folder}"
    under = misses(result["micro"], FLOORS[name])
    assert not under, f"{name}: " + "; ".join(under)


def test_a_score_under_its_floor_is_named() -> None:
    prf = {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    micro = {c: dict(prf) for c in ("people", "organisations", "pairs", "deniers", "responses",
                                    "relations")}
    micro.update(categories={"accuracy": 1.0}, wrong_facts={"total": 0},
                 citations={"cited": 3, "valid": 3})
    assert misses(micro, FLOORS["articles"]) == []
    micro["pairs"]["recall"] = 0.5
    micro["wrong_facts"] = {"reversed": 1, "total": 1}
    micro["citations"] = {"cited": 3, "valid": 2}
    assert misses(micro, FLOORS["articles"]) == [
        "pairs recall 0.500 < 0.7", "wrong facts {'reversed': 1, 'total': 1} > 0",
        "citations: 2 of 3 exact"]


@pytest.mark.parametrize("path", FINAL, ids=lambda p: p.stem)
def test_each_final_article_becomes_a_valid_report(path: Path) -> None:
    report, text = parse_report(extract_report(path))
    assert text == path.read_text(encoding="utf-8")
    for allegation in report.allegations:
        assert not set(allegation.all_accusers) & set(allegation.accused)
