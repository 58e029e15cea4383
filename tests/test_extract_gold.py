"""Regression floor for the extractor on the fictional gold set in examples/articles."""

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
    assert micro["people"]["f1"] >= 0.9


def test_organisations_f1(micro: dict) -> None:
    assert micro["organisations"]["f1"] >= 0.8


def test_accuser_accused_pairs(micro: dict) -> None:
    assert micro["pairs"]["precision"] >= 0.8
    assert micro["pairs"]["recall"] >= 0.5


def test_deniers(micro: dict) -> None:
    assert micro["deniers"]["precision"] >= 0.85
    assert micro["deniers"]["recall"] >= 0.6


def test_every_citation_is_exact(micro: dict) -> None:
    assert micro["citations"]["share"] == 1.0
