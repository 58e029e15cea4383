"""Regression floors on the later development sets (examples/unseen and dev2 to dev5).

`unseen` was the first test set; it became a development set once its errors had shaped
rules, and `examples/final` took its place. Floors sit a little under the scores reached
and never under the targets for real articles (people 0.85, organisations 0.70, pairs and
deniers P 0.80 / R 0.50), except organisations on dev3 and dev4, whose gold lists courts,
platforms and restaurants the model misses. Claims under the 0.6 review threshold are left out.
"""

from __future__ import annotations

from pathlib import Path

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


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_their_floors(name: str) -> None:
    directory = EXAMPLES / name
    if not any(directory.glob("*.gold.json")):
        pytest.skip(f"no gold files in {directory}")
    micro = evaluate_dir(directory)["micro"]
    people, orgs, pairs_p, pairs_r, deniers_p, deniers_r = FLOORS[name]
    assert micro["people"]["f1"] >= people
    assert micro["organisations"]["f1"] >= orgs
    assert micro["pairs"]["precision"] >= pairs_p
    assert micro["pairs"]["recall"] >= pairs_r
    assert micro["deniers"]["precision"] >= deniers_p
    assert micro["deniers"]["recall"] >= deniers_r
    assert micro["citations"]["share"] == 1.0
