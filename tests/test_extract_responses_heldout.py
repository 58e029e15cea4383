"""Regression over examples/heldout's deniers and non-denial responses (never tuned on the
final unseen set). Thresholds sit just under what the extractor reaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract.evaluate import evaluate_dir

HELDOUT = Path(__file__).resolve().parent.parent / "examples" / "heldout"


@pytest.fixture(scope="module")
def micro() -> dict:
    return evaluate_dir(HELDOUT)["micro"]


def test_heldout_deniers(micro: dict) -> None:
    assert micro["deniers"]["precision"] >= 0.95
    assert micro["deniers"]["recall"] >= 0.80


def test_heldout_responses(micro: dict) -> None:
    assert micro["responses"]["precision"] >= 0.95
    assert micro["responses"]["recall"] >= 0.75
