"""Export the whole graph with every relationship's citations inlined.

Streamed: one statement per label and per relationship type, each read in id
order from its uniqueness index and merged, so a million relationships are
written (``write_json``) without the graph ever being held in memory, by Neo4j
or by kb. ``export_graph`` gathers the same records into one dict for the
formats that need it whole.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator
from contextlib import ExitStack
from typing import IO, Any

from neo4j import READ_ACCESS, Driver

from kb.model.graph import model
from kb.store.values import plain

INTERNAL = {"load_id"}

# Citations are inlined in their relationships; tokens (hashes) and the audit
# log are operational records with commands of their own (`kb token`, `kb log`).
SKIPPED_LABELS = {"Citation", "ApiToken", "AuditEvent"}
SKIPPED_TYPES = {"QUOTES"}


def nodes_statement(label: str) -> str:
    # `IS NOT NULL` lets the planner read the id index in order: no sort.
    return (f"MATCH (n:{label}) WHERE n.id IS NOT NULL "
            "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY n.id")


def rels_statement(rel_type: str) -> str:
    return f"""
MATCH (a)-[r:{rel_type}]->(b) WHERE r.id IS NOT NULL
CALL (r) {{
  UNWIND coalesce(r.citation_ids, []) AS cid
  MATCH (c:Citation {{id: cid}})-[:QUOTES]->(p:Publication)
  RETURN collect({{id: c.id, publication: {{id: p.id, url: p.url}}, quote: c.quote,
                  start: c.start, end: c.end, method: c.method, confidence: c.confidence,
                  created_by: c.created_by}}) AS citations
}}
RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props,
       citations
ORDER BY r.id
"""


def _node(rec: Any) -> dict[str, Any]:
    props = {k: v for k, v in rec["props"].items() if k not in INTERNAL}
    return {"id": rec["id"], "labels": sorted(rec["labels"]), "properties": plain(props)}


def _rel(rec: Any) -> dict[str, Any]:
    props = {k: v for k, v in rec["props"].items() if k not in INTERNAL}
    return {"id": rec["id"], "type": rec["type"], "start": rec["start"], "end": rec["end"],
            "properties": plain(props),
            "citations": sorted(plain(rec["citations"]), key=lambda c: c["id"])}


def _merged(driver: Driver, database: str, statements: list[str]) -> Iterator[Any]:
    """The records of several id-ordered statements, in one id order (a k-way merge)."""
    with ExitStack() as stack:
        streams = []
        for statement in statements:
            session = stack.enter_context(
                driver.session(database=database, default_access_mode=READ_ACCESS))
            streams.append(iter(session.run(statement)))
        yield from heapq.merge(*streams, key=lambda rec: rec["id"])


def iter_nodes(driver: Driver, database: str) -> Iterator[dict[str, Any]]:
    labels = [label for label in model().nodes if label not in SKIPPED_LABELS]
    for rec in _merged(driver, database, [nodes_statement(label) for label in labels]):
        yield _node(rec)


def iter_relationships(driver: Driver, database: str) -> Iterator[dict[str, Any]]:
    types = [t for t in model().relationships if t not in SKIPPED_TYPES]
    for rec in _merged(driver, database, [rels_statement(t) for t in types]):
        yield _rel(rec)


def export_graph(driver: Driver, database: str) -> dict[str, Any]:
    return {"nodes": list(iter_nodes(driver, database)),
            "relationships": list(iter_relationships(driver, database))}


def write_json(driver: Driver, database: str, out: IO[str]) -> None:
    """The export as ``json.dumps(export_graph(...), indent=2, sort_keys=True)`` writes
    it, byte for byte, one item at a time."""
    def dump(item: dict[str, Any]) -> str:
        text = json.dumps(item, indent=2, ensure_ascii=False, sort_keys=True)
        return "\n".join("    " + line for line in text.splitlines())

    out.write("{\n")
    sections = [("nodes", iter_nodes(driver, database)),
                ("relationships", iter_relationships(driver, database))]
    for i, (name, items) in enumerate(sections):
        out.write(f'  "{name}": [')
        first = True
        for item in items:
            out.write("\n" if first else ",\n")
            out.write(dump(item))
            first = False
        out.write("]" if first else "\n  ]")
        out.write(",\n" if i < len(sections) - 1 else "\n")
    out.write("}\n")
