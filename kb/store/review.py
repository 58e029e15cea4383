"""Open review and merge candidates: what waits for a person's judgement."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from neo4j import Driver

OPEN = """
CALL () {
  MATCH (r:ReviewCandidate {status: 'open'})
  OPTIONAL MATCH (p:Publication {id: r.publication_id})
  RETURN r.id AS id, 'review:' + r.kind AS kind, r.confidence AS confidence, r.payload AS payload,
         p.title AS source, null AS left, null AS right
  UNION ALL
  MATCH (m:MergeCandidate {status: 'open'})
  OPTIONAL MATCH (a {id: m.left_id})
  OPTIONAL MATCH (b {id: m.right_id})
  RETURN m.id AS id, 'merge' AS kind, null AS confidence, null AS payload, m.reason AS source,
         {id: m.left_id, name: a.name} AS left, {id: m.right_id, name: b.name} AS right
}
RETURN id, kind, confidence, payload, source, left, right ORDER BY kind, id
"""


def open_candidates(driver: Driver, database: str) -> list[dict[str, Any]]:
    return interpret(driver.execute_query(OPEN, database_=database, routing_="r").records)


def interpret(records: Iterable[Any]) -> list[dict[str, Any]]:
    """The rows of OPEN as {id, kind, summary, payload} (shared by the CLI and the API)."""
    out = []
    for rec in records:
        if rec["kind"] == "merge":
            payload = {"left": dict(rec["left"]), "right": dict(rec["right"])}
            names = [side["name"] or side["id"] for side in payload.values()]
            summary = f"{names[0]} / {names[1]}: {rec['source']}"
        else:
            payload = json.loads(rec["payload"]) if rec["payload"] else {}
            summary = (f"{payload.get('quote', '')[:90]!r} "
                       f"(confidence {rec['confidence']:.2f}, {rec['source']})")
        out.append({"id": rec["id"], "kind": rec["kind"], "summary": summary, "payload": payload})
    return out
