"""Regression floors on the later development sets (examples/unseen and dev2 to dev5).

`unseen` was the first test set; it became a development set once its errors had shaped
rules, and `examples/final` took its place. Floors sit a little under the scores reached
and never under the targets for real articles (people 0.85, organisations 0.70, pairs and
deniers P 0.80 / R 0.50), except organisations on dev3 and dev4, whose gold lists courts,
platforms and restaurants the model misses. Claims under the 0.6 review threshold are left out.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from loaders.extract.evaluate import evaluate_dir

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# set: (people F1, organisations F1, pairs P, pairs R, deniers P, deniers R)
FLOORS = {
    "unseen": (0.90, 0.75, 0.90, 0.60, 0.90, 0.60),
    "dev2": (0.90, 0.70, 0.90, 0.65, 0.80, 0.65),
    "dev3": (0.90, 0.55, 0.85, 0.60, 0.90, 0.70),
    "dev4": (0.90, 0.65, 0.90, 0.65, 0.85, 0.80),
    "dev5": (0.90, 0.75, 0.90, 0.70, 0.90, 0.75),
}


# set: (relations F1, categories accuracy), each a little under the score reached
CLAIM_FLOORS = {
    "articles": (0.50, 0.85),
    "heldout": (0.25, 0.80),
    "unseen": (0.30, 0.65),
    "dev2": (0.45, 0.85),
    "dev3": (0.30, 0.75),
    "dev4": (0.35, 0.70),
    "dev5": (0.40, 0.85),
}


@cache
def _micro(name: str) -> dict[str, Any]:
    directory = EXAMPLES / name
    if not any(directory.glob("*.gold.json")):
        pytest.skip(f"no gold files in {directory}")
    return evaluate_dir(directory)["micro"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_their_floors(name: str) -> None:
    micro = _micro(name)
    people, orgs, pairs_p, pairs_r, deniers_p, deniers_r = FLOORS[name]
    assert micro["people"]["f1"] >= people
    assert micro["organisations"]["f1"] >= orgs
    assert micro["pairs"]["precision"] >= pairs_p
    assert micro["pairs"]["recall"] >= pairs_r
    assert micro["deniers"]["precision"] >= deniers_p
    assert micro["deniers"]["recall"] >= deniers_r
    assert micro["citations"]["share"] == 1.0


@pytest.mark.parametrize("name", sorted(CLAIM_FLOORS))
def test_no_wrong_facts_and_relations_and_categories_above_their_floors(name: str) -> None:
    micro = _micro(name)
    relations, categories = CLAIM_FLOORS[name]
    assert micro["wrong_facts"]["total"] == 0, micro["wrong_facts"]
    assert micro["relations"]["f1"] >= relations
    assert micro["categories"]["accuracy"] >= categories
