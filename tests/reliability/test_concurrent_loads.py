"""Several loaders at once, and self-accusation proven absent by the audit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Graph

pytestmark = pytest.mark.slow
REPORTS = REPO / "examples" / "reports"


def test_four_concurrent_loads_give_the_graph_of_one(graph: Graph) -> None:
    assert graph.kb("load", str(REPORTS)).returncode == 0
    alone = graph.export()
    graph.query("MATCH (n) DETACH DELETE n")
    env = graph.env()
    procs = [subprocess.Popen([sys.executable, "-m", "kb", "load", str(REPORTS)], env=env,
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(4)]
    outcomes = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    assert all(code == 0 for code, _ in outcomes), outcomes
    together = graph.export()
    assert _shape(together) == _shape(alone)
    rows = graph.query("MATCH (n) WHERE n.id IS NOT NULL WITH n.id AS id, count(*) AS c "
                       "WHERE c > 1 RETURN id")
    assert rows == []


def _shape(export: dict[str, Any]) -> dict[str, Any]:
    """What a load wrote, without the per-load bookkeeping (load ids, timestamps)."""
    nodes = sorted(n["id"] for n in export["nodes"])
    rels = sorted((r["id"], tuple(c["id"] for c in r["citations"]))
                  for r in export["relationships"])
    return {"nodes": nodes, "relationships": rels}


def test_the_audit_reports_a_self_accusation_written_around_the_product(
    graph: Graph, tmp_path: Path
) -> None:
    assert graph.kb("load", str(REPORTS / "metro-wire-brightwater.yaml")).returncode == 0
    clean = graph.kb("audit", "--format", "json")
    assert "self_accusation" not in clean.stdout
    # What an old loader let through: the accused also accuses, with a valid citation.
    graph.query("""
        MATCH (p:Person {name: 'Owen Pratt'})<-[ag:AGAINST]-(a:Allegation)
        CREATE (p)-[:ACCUSES {id: 'rel_selfaccuse', citation_ids: ag.citation_ids}]->(a)""")
    dirty = graph.kb("audit", "--format", "text", "--fail-on", "violations")
    assert dirty.returncode != 0
    assert "Owen Pratt both accuses and is accused" in dirty.stdout
