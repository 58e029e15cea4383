"""Open review and merge candidates: what waits for a person's judgement."""

from __future__ import annotations

import json
from typing import Any

from neo4j import Driver

OPEN = """
CALL () {
  MATCH (r:ReviewCandidate {status: 'open'})
  OPTIONAL MATCH (p:Publication {id: r.publication_id})
  RETURN r.id AS id, 'review:' + r.kind AS kind, r.confidence AS confidence, r.payload AS payload,
         p.title AS source
  UNION ALL
  MATCH (m:MergeCandidate {status: 'open'})
  OPTIONAL MATCH (a {id: m.left_id}) OPTIONAL MATCH (b {id: m.right_id})
  RETURN m.id AS id, 'merge' AS kind, null AS confidence,
         '{"left": "' + coalesce(a.name, m.left_id) + '", "right": "' + coalesce(b.name, m.right_id)
         + '"}' AS payload, m.reason AS source
}
RETURN id, kind, confidence, payload, source ORDER BY kind, id
"""


def open_candidates(driver: Driver, database: str) -> list[dict[str, Any]]:
    out = []
    for rec in driver.execute_query(OPEN, database_=database, routing_="r").records:
        payload = json.loads(rec["payload"]) if rec["payload"] else {}
        if rec["kind"] == "merge":
            summary = f"{payload.get('left')} / {payload.get('right')}: {rec['source']}"
        else:
            summary = (f"{payload.get('quote', '')[:90]!r} "
                       f"(confidence {rec['confidence']:.2f}, {rec['source']})")
        out.append({"id": rec["id"], "kind": rec["kind"], "summary": summary, "payload": payload})
    return out
