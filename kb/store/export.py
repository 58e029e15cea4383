"""Export the whole graph with every relationship's citations inlined."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from kb.store.values import plain

INTERNAL = {"load_id"}

# Citations are inlined in their relationships; tokens (hashes), the audit log
# and merge records are operational records with commands of their own (`kb token`,
# `kb log`, `kb unmerge`). Rejected claims stay in the graph for the record but are
# not exported unless asked for ($rejected).
NODES = """
MATCH (n) WHERE NOT (n:Citation OR n:ApiToken OR n:AuditEvent OR n:EntityMerge)
  AND ($rejected OR coalesce(n.review, '') <> 'rejected')
  AND ($rejected OR NOT EXISTS { MATCH (a:Allegation {id: n.allegation_id})
                                 WHERE n:StatusEvent AND a.review = 'rejected' })
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
ORDER BY id
"""

RELS = """
MATCH (a)-[r]->(b) WHERE NOT r:QUOTES
  AND ($rejected OR NOT 'rejected' IN [coalesce(r.review, ''), coalesce(a.review, ''),
                                       coalesce(b.review, '')])
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


def export_graph(driver: Driver, database: str, include_rejected: bool = False
                 ) -> dict[str, Any]:
    nodes = []
    for rec in driver.execute_query(NODES, rejected=include_rejected, database_=database,
                                    routing_="r").records:
        props = {k: v for k, v in rec["props"].items() if k not in INTERNAL}
        labels = sorted(rec["labels"])
        nodes.append({"id": rec["id"], "labels": labels, "properties": plain(props)})
    rels = []
    for rec in driver.execute_query(RELS, rejected=include_rejected, database_=database,
                                    routing_="r").records:
        props = {k: v for k, v in rec["props"].items() if k not in INTERNAL}
        citations = sorted(plain(rec["citations"]), key=lambda c: c["id"])
        rels.append({
            "id": rec["id"], "type": rec["type"], "start": rec["start"], "end": rec["end"],
            "properties": plain(props), "citations": citations,
        })
    return {"nodes": nodes, "relationships": rels}
