"""Shared set-up for the interoperability tests: the fictional example reports, loaded."""

from __future__ import annotations

from pathlib import Path

from kb.store.retract import retract
from loaders.batch import collect_files, load_files
from tests.conftest import REPO, Graph

REPORTS = REPO / "examples" / "reports"
FIXTURES = Path(__file__).parent / "fixtures"
RETRACTED_URL = "https://metrowire.example.net/business/brightwater-pratt-suspended"


def load_examples(graph: Graph, *, retract_one: bool = True) -> None:
    """Three reports: an allegation cited by two outlets, aliases, and one publication
    retracted so exports have a retracted citation to carry."""
    result = load_files(graph.driver, graph.database, collect_files([REPORTS]),
                        review_threshold=0.6, progress=False, actor="test")
    assert not result.failures, result.failures
    if retract_one:
        retract(graph.driver, graph.database, RETRACTED_URL, "test retraction", "test")
