"""`kb export --format neo4j-csv` gives files `neo4j-admin database import full` accepts.

Proved end to end: the files are imported into a fresh database (its own home and port, the
same Neo4j jars) and the copy has the same counts, the same citations, and audits clean.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from kb.db.server import LocalServer, free_port
from kb.render.neo4j_csv import import_arguments
from kb.settings import Settings
from kb.store.audit import run_audit
from kb.store.connection import open_driver, resolve_target
from kb.store.schema import apply_schema
from tests.conftest import Graph
from tests.interop.helpers import load_examples

COUNTS = ("CALL () { MATCH (n) UNWIND labels(n) AS k RETURN k, count(*) AS c "
          "UNION ALL MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS c } RETURN k, c")
CITATIONS = ("MATCH (c:Citation)-[:QUOTES]->(p:Publication) "
             "RETURN c {.*, pub: p.url, published: p.published, retracted: p.retracted} AS c "
             "ORDER BY c.id")
EDGES = "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, r {.*} AS r ORDER BY r.id"


def _rows(driver: Any, database: str, query: str) -> list[dict[str, Any]]:
    return [dict(r) for r in driver.execute_query(query, database_=database).records]


@pytest.mark.slow
def test_neo4j_admin_imports_the_export_into_an_identical_graph(
    graph: Graph, tmp_path: Path, test_settings: Settings
) -> None:
    if not test_settings.uses_local_server:
        pytest.skip("needs the local Neo4j jars (NEO4J_URI points elsewhere)")
    load_examples(graph)
    folder = tmp_path / "export"
    graph.kb("export", "--format", "neo4j-csv", "-o", str(folder), check=True)
    # import.sh names every node file written (a label with no node writes none).
    node_files = sorted(p.name for p in folder.glob("*.nodes.csv"))
    assert (folder / "import.sh").read_text().count("--nodes=") == len(node_files) >= 6

    settings = Settings(KB_HOME=tmp_path / "home", KB_BOLT_PORT=free_port(),
                        KB_CACHE_DIR=test_settings.cache_dir)
    copy = LocalServer(settings)
    rel_files = sorted(p.name for p in folder.glob("*.relationships.csv"))
    proc = copy.admin("database", "import", "full", "neo4j", "--overwrite-destination",
                      *import_arguments(node_files, rel_files, str(folder)))
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    copy.start(say=lambda line: print(line, file=sys.stderr))
    try:
        target = resolve_target(settings, start=False)
        driver = open_driver(target)
        try:
            apply_schema(driver, target.database)
            # The audit log and API tokens are operational records the export leaves behind.
            original = {r["k"]: r["c"] for r in graph.query(COUNTS)
                        if r["k"] not in ("AuditEvent", "ApiToken")}
            imported = {r["k"]: r["c"] for r in _rows(driver, target.database, COUNTS)}
            assert imported == original and original["Citation"] > 20
            assert _rows(driver, target.database, CITATIONS) == graph.query(CITATIONS)
            assert _rows(driver, target.database, EDGES) == graph.query(EDGES)
            audit = run_audit(driver, target.database)
            assert audit.violations == []
            print(f"imported: {sum(imported.values())} labels and types counted, "
                  f"{imported['Citation']} citations", file=sys.stderr)
        finally:
            driver.close()
    finally:
        copy.stop(say=lambda line: None)
