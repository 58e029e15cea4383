"""Regression floor for the extractor on the fictional gold set in examples/articles.

Floors sit just under the scores reached (people 0.99, organisations 0.95, pairs P 1.00 /
R 0.72, deniers P 1.00 / R 0.77, claims under the 0.6 review threshold left out) and never
under the targets for unseen articles (people 0.85, organisations 0.70, pairs and deniers
P 0.80 / R 0.50).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract.evaluate import evaluate_dir

GOLD_DIR = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="module")
def micro() -> dict:
    if not any(GOLD_DIR.glob("*.gold.json")):
        pytest.skip(f"no gold files in {GOLD_DIR}")
    return evaluate_dir(GOLD_DIR)["micro"]


def test_people_f1(micro: dict) -> None:
    assert micro["people"]["f1"] >= 0.97


def test_organisations_f1(micro: dict) -> None:
    assert micro["organisations"]["f1"] >= 0.92


def test_accuser_accused_pairs(micro: dict) -> None:
    assert micro["pairs"]["precision"] >= 0.95
    assert micro["pairs"]["recall"] >= 0.70


def test_deniers(micro: dict) -> None:
    assert micro["deniers"]["precision"] >= 0.95
    assert micro["deniers"]["recall"] >= 0.82


def test_every_citation_is_exact(micro: dict) -> None:
    assert micro["citations"]["share"] == 1.0
