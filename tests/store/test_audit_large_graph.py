"""The audit streams: it works on a graph larger than Neo4j's transaction memory.

A Neo4j of its own with a small heap (128 MiB, so about 90 MiB of transaction
memory) holds ~2,000 fictional reports with long quotes (~23k relationships):
an audit that gathers every edge in one transaction runs out of memory there,
as the old one did at ~100k relationships on the default 512 MiB heap. Both the
CLI and the API's `audit` must answer in full.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.db.server import LocalServer
from kb.settings import Settings
from kb.store.connection import open_driver, resolve_target
from kb.store.schema import apply_schema
from loaders.batch import load_files
from tests.api_helpers import free_port, start_server, token
from tests.conftest import REPO, Graph
from tests.store.test_bulk_load import report, write_folder

# A Neo4j of its own, about a minute to fill.
pytestmark = pytest.mark.slow

REPORTS = 2_000
DETAIL = ", " + "and of hiding the losses from the auditors " * 40


@pytest.fixture(scope="module")
def small_heap_graph() -> Iterator[Graph]:
    home = REPO / ".kb" / "test-smallheap"
    settings = Settings(KB_HOME=home, KB_BOLT_PORT=free_port(), KB_NEO4J_HEAP="128m",
                        KB_NEO4J_PAGECACHE="64m")
    server = LocalServer(settings)
    server.start(say=lambda line: print(line, file=sys.stderr))
    target = resolve_target(settings, start=False)
    driver = open_driver(target)
    try:
        apply_schema(driver, target.database)
        with driver.session(database=target.database) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
        with tempfile.TemporaryDirectory() as tmp:
            files = write_folder(Path(tmp), [report(i, DETAIL) for i in range(REPORTS)])
            loaded = load_files(driver, target.database, files, review_threshold=0.0,
                                progress=False)
        assert not loaded.failures
        yield Graph(driver, settings, target)
    finally:
        driver.close()
        server.stop(say=lambda line: None)
        shutil.rmtree(home, ignore_errors=True)


def test_kb_audit_proves_a_graph_larger_than_transaction_memory(
        small_heap_graph: Graph) -> None:
    out = small_heap_graph.kb("audit", "--format", "json")
    assert out.returncode == 0, out.stderr[-500:]
    report_ = json.loads(out.stdout)
    assert report_["ok"] and report_["violations"] == []
    assert sum(report_["totals"]["relationships"].values()) > 20_000
    assert report_["totals"]["publications"] == REPORTS


def test_the_api_audit_proves_it_too(small_heap_graph: Graph) -> None:
    admin = token(small_heap_graph, "admin")
    for api in start_server(small_heap_graph, KB_DEV=False):
        body = api.post("{ audit { ok violations { kind } totals { publications citations } } }",
                        token=admin)
        assert not body.get("errors"), body["errors"]
        assert body["data"]["audit"]["ok"] is True
        assert body["data"]["audit"]["totals"]["publications"] == REPORTS
