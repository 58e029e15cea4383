"""Read the whole graph as streams: nodes, then relationships with their citations inlined.

Nothing here holds the graph in memory. Each label and each relationship type is one
query whose result is consumed record by record (the driver fetches it in batches), ordered
by the key's uniqueness index so Neo4j need not sort either. ``export_graph`` collects the
streams into lists for callers that want the whole thing (tests, small graphs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver

from kb.model.graph import model
from kb.store.values import plain

INTERNAL = {"load_id"}
# Citations are inlined in their relationships; tokens (hashes), the audit log and merge
# records are operational records with commands of their own (`kb token`, `kb log`,
# `kb unmerge`). Rejected claims stay in the graph for the record but are not exported
# unless asked for ($rejected).
NOT_EXPORTED = {"Citation", "ApiToken", "AuditEvent", "EntityMerge"}
PROVENANCE_TYPES = {"QUOTES"}  # the citation-to-publication edge: inlined in each citation

Row = dict[str, Any]


def _node_query(label: str) -> str:
    # Labels come from the model registry, never from input.
    of_rejected = ("AND ($rejected OR NOT EXISTS { MATCH (a:Allegation {id: n.allegation_id}) "
                   "WHERE a.review = 'rejected' }) " if label == "StatusEvent" else "")
    return (f"MATCH (n:{label}) WHERE n.id IS NOT NULL "
            "AND ($rejected OR coalesce(n.review, '') <> 'rejected') " + of_rejected +
            "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY n.id")


# What a format that names both ends needs of them (FollowTheMoney): names, the claim's
# wording, and for allegations and responses whom they are against and who gave them.
_ENDS = """,
       {a} {{.id, .name, .summary, .status, .type, .kind, labels: labels({a}),
            against: [({a})-[:AGAINST]->(x) | x.id],
            issued_by: [(x)-[:ISSUED]->({a}) WHERE x.name IS NOT NULL | x.id]}} AS {a}_node"""


def _rel_query(rel_type: str, ends: bool = False) -> str:
    more = (_ENDS.format(a="a") + _ENDS.format(a="b")) if ends else ""
    return f"""
MATCH (a)-[r:{rel_type}]->(b) WHERE r.id IS NOT NULL
  AND ($rejected OR NOT 'rejected' IN [coalesce(r.review, ''), coalesce(a.review, ''),
                                       coalesce(b.review, '')])
WITH a, r, b ORDER BY r.id
CALL (r) {{
  UNWIND coalesce(r.citation_ids, []) AS cid
  MATCH (c:Citation {{id: cid}})-[:QUOTES]->(p:Publication)
  WITH c, p, CASE WHEN c.start < $affix THEN 0 ELSE c.start - $affix END AS before
  ORDER BY c.id
  RETURN collect({{id: c.id, quote: c.quote, start: c.start, end: c.end, method: c.method,
                  confidence: c.confidence, created_by: c.created_by,
                  verified: substring(p.text, c.start, c.end - c.start) = c.quote,
                  prefix: substring(p.text, before, c.start - before),
                  suffix: substring(p.text, c.end, $affix),
                  publication: p {{.id, .url, .title, .outlet, .published,
                                  retracted: coalesce(p.retracted, false)}}}}) AS citations
}}
RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props,
       citations{more}
"""


def stream_records(driver: Driver, database: str, query: str, **params: Any) -> Iterator[Any]:
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        yield from session.run(query, params)


def node_labels() -> list[str]:
    return [label for label in model().nodes if label not in NOT_EXPORTED]


def rel_types() -> list[str]:
    return [t for t in model().relationships if t not in PROVENANCE_TYPES]


def iter_nodes(driver: Driver, database: str, rejected: bool = False) -> Iterator[Row]:
    """Every exported node: ``{id, labels, properties}``, label by label, by id."""
    for label in node_labels():
        for rec in stream_records(driver, database, _node_query(label), rejected=rejected):
            props = {k: v for k, v in rec["props"].items() if k not in INTERNAL}
            yield {"id": rec["id"], "labels": sorted(rec["labels"]), "properties": plain(props)}


def iter_relationships(driver: Driver, database: str, affix: int = 0,
                       ends: bool = False, rejected: bool = False) -> Iterator[Row]:
    """Every relationship with its citations; ``affix`` characters of text either side of
    each quote come as ``prefix``/``suffix`` when asked for (Web Annotation selectors);
    ``ends`` adds ``start_node``/``end_node``, a few properties of each end."""
    for rel_type in rel_types():
        for rec in stream_records(driver, database, _rel_query(rel_type, ends), affix=affix,
                                  rejected=rejected):
            props = {k: v for k, v in rec["props"].items() if k not in INTERNAL}
            citations = plain(rec["citations"])
            if not affix:
                for cit in citations:
                    del cit["prefix"], cit["suffix"]
            row = {"id": rec["id"], "type": rec["type"], "start": rec["start"],
                   "end": rec["end"], "properties": plain(props), "citations": citations}
            if ends:
                row["start_node"], row["end_node"] = plain(rec["a_node"]), plain(rec["b_node"])
            yield row


@dataclass(frozen=True)
class GraphSource:
    """What an export reads: nodes, then relationships, each a fresh stream when called."""

    nodes: Callable[[], Iterator[Row]]
    relationships: Callable[..., Iterator[Row]]  # (affix=0, ends=False)

    @classmethod
    def from_driver(cls, driver: Driver, database: str, rejected: bool = False) -> GraphSource:
        return cls(lambda: iter_nodes(driver, database, rejected),
                   lambda affix=0, ends=False: iter_relationships(driver, database, affix,
                                                                  ends, rejected))

    @classmethod
    def from_export(cls, export: dict[str, Any]) -> GraphSource:
        """An export already in memory (``export_graph``'s shape)."""
        return cls(lambda: iter(export["nodes"]),
                   lambda affix=0, ends=False: iter(export["relationships"]))


def export_graph(driver: Driver, database: str, include_rejected: bool = False
                 ) -> dict[str, Any]:
    """The whole export in memory; for tests and small graphs (the CLI streams)."""
    return {"nodes": list(iter_nodes(driver, database, include_rejected)),
            "relationships": list(iter_relationships(driver, database,
                                                     rejected=include_rejected))}
