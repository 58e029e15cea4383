"""Open review and merge candidates: what waits for a person's judgement."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from neo4j import Driver

from kb.model.graph import model
from kb.store.values import plain

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


# -- claims waiting for a person (review states) ------------------------------

_ENTITIES = "COLLECT {{ MATCH {pattern} RETURN x.name ORDER BY x.name }}"


def _claim_branches() -> list[str]:
    """One UNION branch per claim label and relation type, all from the model."""
    graph = model()
    out = []
    for label in graph.claim_labels:
        if label == "Allegation":
            parties = (f"{{accusers: {_ENTITIES.format(pattern='(x)-[:ACCUSES]->(n)')}, "
                       f"accused: {_ENTITIES.format(pattern='(n)-[:AGAINST]->(x)')}, "
                       "description: n.accuser_description, categories: n.categories}")
        else:
            parties = (f"{{issuer: {_ENTITIES.format(pattern='(x)-[:ISSUED]->(n)')}, "
                       f"party: {_ENTITIES.format(pattern='(n)-[:ON_BEHALF_OF]->(x)')}, "
                       "type: n.type}")
        kind = "'allegation'" if label == "Allegation" else "n.type"
        out.append(f"MATCH (n:{label}) WHERE n.review IN $states "
                   "AND ($ids IS NULL OR n.id IN $ids) "
                   f"RETURN n.id AS id, '{label}' AS label, {kind} AS kind, n AS node, "
                   f"null AS rel, n.summary AS text, {parties} AS parties, n.review AS review")
    for t in graph.relation_types:
        detail = " + ".join(f"coalesce(r.{p}, '')" for p in graph.rel(t).properties
                            if p in ("role", "kind", "action")) or "''"
        out.append(f"MATCH (a)-[r:{t}]->(b) WHERE coalesce(r.review, 'unreviewed') IN $states "
                   "AND ($ids IS NULL OR r.id IN $ids) "
                   f"RETURN r.id AS id, '{t}' AS label, toLower('{t}') AS kind, null AS node, "
                   f"r AS rel, {detail} AS text, {{a: a.name, b: b.name}} AS parties, "
                   "coalesce(r.review, 'unreviewed') AS review")
    return out


ANCHORS = "|".join(model().rel(t).type for t in ("REPORTS", "ISSUED"))


def queue_statement(calls: list[str] | None = None, entries: list[str] | None = None) -> str:
    """Claims in the given review states, least confident first, each with the sentence
    that supports it; ``calls``/``entries`` add compiled fields over ``node`` and ``p``."""
    from kb.store.explain import context_exprs

    ctx = context_exprs("c", "p", "$context")
    extra = "".join(f", {e}" for e in entries or [])
    return "\n".join([
        "CALL () {", "  " + "\n  UNION ALL\n  ".join(_claim_branches()), "}",
        "CALL (node, rel) {",
        # A claim's sentences are those of the edge every claim of its kind has (cited by
        # the same spans as its other edges): who reported an allegation, who gave a response.
        f"  UNWIND CASE WHEN rel IS NULL THEN COLLECT {{ MATCH (node)<-[x:{ANCHORS}]-() "
        "RETURN x } ELSE [rel] END AS x",
        "  UNWIND coalesce(x.citation_ids, []) AS cid",
        "  MATCH (c:Citation {id: cid})-[:QUOTES]->(p:Publication)",
        "  USING INDEX c:Citation(id)",  # a seek per id, never a scan of every citation
        "  RETURN c, p ORDER BY c.confidence, p.published, c.start, c.id LIMIT 1",
        "}",
        "WITH * ORDER BY c.confidence, id LIMIT $first",
        *(calls or []),
        "RETURN {id: id, label: label, kind: kind, text: text, parties: parties, "
        f"review: review, quote: c.quote, before: {ctx['before']}, after: {ctx['after']}, "
        "method: c.method, confidence: c.confidence, publication_id: p.id, "
        "labels: CASE WHEN node IS NULL THEN [] ELSE labels(node) END, "
        f"publication_title: p.title, outlet: p.outlet, url: p.url{extra}}} AS item",
    ])


def claim_summary(item: dict[str, Any]) -> str:
    """One line a person reads: who claims what of whom (names, never ids)."""
    parties = item["parties"]
    if item["label"] == "Allegation":
        who = ", ".join(parties["accusers"]) or parties["description"] or "unnamed accusers"
        return f"{who} against {', '.join(parties['accused'])}: {item['text']}"
    if "issuer" in parties:
        party = f" for {', '.join(parties['party'])}" if parties["party"] else ""
        return f"{', '.join(parties['issuer'])}{party}, {item['kind']}: {item['text']}"
    detail = f" ({item['text']})" if item["text"] else ""
    return f"{parties['a']} {item['kind'].replace('_', ' ')} {parties['b']}{detail}"


def rule_of(method: str | None) -> str | None:
    """The extraction rule of a machine-made citation; None for a person's."""
    if not method or method in ("curated", "api", "edit"):
        return None
    return method.removeprefix("extract:")


def queue_params(states: Iterable[str] = ("unreviewed",), first: int = 50,
                 context: int = 200, ids: list[str] | None = None) -> dict[str, Any]:
    return {"states": list(states), "first": first, "context": context,
            "cited": model().cited_types, "ids": ids}


def review_queue(driver: Driver, database: str, first: int = 50) -> list[dict[str, Any]]:
    """Unreviewed claims for ``kb review``: summary, sentence in context, rule, confidence."""
    records = driver.execute_query(queue_statement(), queue_params(first=first),
                                   database_=database, routing_="r").records
    out = []
    for rec in records:
        item = plain(dict(rec["item"]))
        item["summary"] = claim_summary(item)
        item["rule"] = rule_of(item["method"])
        out.append(item)
    return out
