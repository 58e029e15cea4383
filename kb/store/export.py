"""Export the whole graph with every relationship's citations inlined."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from kb.store.values import plain

INTERNAL = {"load_id"}

# Citations are inlined in their relationships; tokens (hashes) and the audit
# log are operational records with commands of their own (`kb token`, `kb log`).
NODES = """
MATCH (n) WHERE NOT (n:Citation OR n:ApiToken OR n:AuditEvent)
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
ORDER BY id
"""

RELS = """
MATCH (a)-[r]->(b) WHERE NOT r:QUOTES
CALL (r) {
  UNWIND coalesce(r.citation_ids, []) AS cid
  MATCH (c:Citation {id: cid})-[:QUOTES]->(p:Publication)
  RETURN collect({id: c.id, publication: {id: p.id, url: p.url}, quote: c.quote,
                  start: c.start, end: c.end, method: c.method, confidence: c.confidence,
                  created_by: c.created_by}) AS citations
}
RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props,
       citations
ORDER BY id
"""


def export_graph(driver: Driver, database: str) -> dict[str, Any]:
    nodes = []
    for rec in driver.execute_query(NODES, database_=database, routing_="r").records:
        props = {k: v for k, v in rec["props"].items() if k not in INTERNAL}
        labels = sorted(rec["labels"])
        nodes.append({"id": rec["id"], "labels": labels, "properties": plain(props)})
    rels = []
    for rec in driver.execute_query(RELS, database_=database, routing_="r").records:
        props = {k: v for k, v in rec["props"].items() if k not in INTERNAL}
        citations = sorted(plain(rec["citations"]), key=lambda c: c["id"])
        rels.append({
            "id": rec["id"], "type": rec["type"], "start": rec["start"], "end": rec["end"],
            "properties": plain(props), "citations": citations,
        })
    return {"nodes": nodes, "relationships": rels}
