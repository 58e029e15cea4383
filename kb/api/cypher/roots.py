"""One statement per root field: lists, a node, search, paths and timelines.

Each builder takes the root field's selections and returns (text, params);
labels and relationship types come from the spec and the model registry only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from strawberry.types.nodes import Selection

from kb.api.cypher.compile import Compiler, flatten, live, needs_total, root_nodes
from kb.api.cypher.spec import LABELS, ORDER
from kb.model.graph import model
from kb.store.cypher import relationship_lookup


@dataclass
class Statement:
    text: str
    params: dict[str, Any] = field(default_factory=dict)


def list_statement(type_name: str, selections: list[Selection], skip: int, first: int,
                   where: str = "", params: dict[str, Any] | None = None,
                   include_retracted: bool = False) -> Statement:
    """A root connection: the page of nodes with everything nested, and the total."""
    c = Compiler(include_retracted)
    c.params.update(params or {})
    match = f"MATCH (v:{LABELS[type_name]}) {where}".strip()
    calls, value = c.node_map("v", type_name, root_nodes(selections))
    parts = []
    total = "null"
    if needs_total(selections):
        parts.append(_total(type_name, where, match))
        total = "total"
    order = ORDER[type_name].format(v="v")
    # Sorted again after the subqueries: the order of rows through CALL is not promised.
    body = [*_page(type_name, where, order, c.param(skip), c.param(first), c.param(skip + first)),
            *calls, f"WITH v, {value} AS item ORDER BY {order}", "RETURN collect(item) AS items"]
    parts.append("CALL () {\n" + "\n".join(body) + "\n}")
    parts.append(f"RETURN {total} AS total, items")
    return Statement("\n".join(parts), c.params)


# Lists whose order starts with an indexed, nullable property: the page is read from
# the index in order (no sort of every node), and the undated rest, which sorts
# last, is read only when the dated ones do not fill the page. Their `unsupported`
# flag is indexed too (see `_total`).
INDEX_ORDERED = {"Allegation": "first_reported"}


def _total(type_name: str, where: str, match: str) -> str:
    """The count behind `totalCount`: from Neo4j's count store when the filter allows.

    Unfiltered, or only live claims of a label whose `unsupported` flag is indexed
    (all of them less the few flagged), it reads no node; otherwise it counts the match.
    """
    label = LABELS[type_name]
    if not where:
        return f"CALL () {{ MATCH (v:{label}) RETURN count(v) AS total }}"
    if where == f"WHERE {live('v')}" and type_name in INDEX_ORDERED:
        return (f"CALL () {{ MATCH (v:{label}) WITH count(v) AS every "
                f"CALL () {{ MATCH (u:{label}) WHERE u.unsupported = true "
                "RETURN count(u) AS gone } RETURN every - gone AS total }")
    return f"CALL () {{ {match} RETURN count(v) AS total }}"


def _page(type_name: str, where: str, order: str, skip: str, first: str, upto: str) -> list[str]:
    """Clauses binding ``v`` to the page's nodes (in any order; the caller sorts them)."""
    label = LABELS[type_name]
    key = INDEX_ORDERED.get(type_name)
    if key is None:
        return [f"MATCH (v:{label}) {where}".strip(),
                f"WITH v ORDER BY {order} SKIP {skip} LIMIT {first}"]
    cond = where.removeprefix("WHERE ").strip()
    also = f" AND ({cond})" if cond else ""
    return [
        f"CALL () {{ MATCH (v:{label}) WHERE v.{key} IS NOT NULL{also}",
        f"  WITH v ORDER BY {order} LIMIT {upto} RETURN collect(v) AS dated }}",
        "CALL (dated) { UNWIND CASE WHEN size(dated) < " + upto + " THEN [1] ELSE [] END AS go",
        f"  MATCH (v:{label}) WHERE v.{key} IS NULL{also}",
        f"  WITH v ORDER BY v.id LIMIT {upto} RETURN collect(v) AS undated }}",
        "UNWIND dated + undated AS v",
        f"WITH v ORDER BY {order} SKIP {skip} LIMIT {first}",
    ]


def node_statement(type_name: str, db_id: str, selections: list[Selection],
                   include_retracted: bool = False) -> Statement:
    c = Compiler(include_retracted)
    calls, value = c.node_map("v", type_name, selections, typed=True)  # node(id:) is a Node
    text = "\n".join([f"MATCH (v:{LABELS[type_name]} {{id: {c.param(db_id)}}})", *calls,
                      f"RETURN {value} AS item"])
    return Statement(text, c.params)


_LUCENE = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_terms(text: str) -> str:
    """User text as plain Lucene terms: operators escaped, so input never changes the query."""
    return " ".join(_LUCENE.sub(r"\\\1", word) for word in text.split())


def search_statement(text: str, first: int, selections: list[Selection]) -> Statement:
    """Entities whose names or aliases match; a matching allegation stands for its parties."""
    c = Compiler()
    calls, value = c.node_map("v", "Entity", selections)
    index = next(iter(model().fulltext))  # declared in schema/graph.yaml (entity_search)
    lines = [
        f"CALL db.index.fulltext.queryNodes('{index}', {c.param(lucene_terms(text))}) "
        "YIELD node, score",
        "WITH score, CASE WHEN node:Allegation THEN COLLECT { "
        "MATCH (node)-[:AGAINST|ACCUSES]-(e:Person|Organisation) RETURN e } "
        "ELSE [node] END AS found",
        "UNWIND found AS v",
        f"WITH v, max(score) AS score ORDER BY score DESC, v.name, v.id LIMIT {c.param(first)}",
        *calls,
        f"WITH v, score, {value} AS item ORDER BY score DESC, v.name, v.id",
        "RETURN collect(item) AS items",
    ]
    return Statement("\n".join(lines), c.params)


def paths_statement(start: tuple[str, str], end: tuple[str, str], max_hops: int,
                    selections: list[Selection], limit: int = 25,
                    include_retracted: bool = False, hub_degree: int | None = None) -> Statement:
    """All shortest paths over cited relationships, each hop with its citations.

    With ``hub_degree``, no path walks through a node with more relationships
    than that (the ends excepted): the test runs inside the shortest-path search,
    so a hub (an outlet with 100k edges) is never expanded.
    """
    c = Compiler(include_retracted)
    types = "|".join(model().cited_types)  # never QUOTES: citations are not links
    hops: dict[str, list[Selection]] = {}
    for f in flatten(selections).values():
        if f.name == "hops":
            for key, g in flatten(f.selections).items():
                hops.setdefault(f"{g.name}:{key}", g.selections)
    x, y, r = "x", "y", "rel"
    body: list[str] = []
    entries = ["type: type(rel)", "forward: startNode(rel) = x"]
    for spec, sel in hops.items():
        name, _, key = spec.partition(":")
        if name in ("from", "to"):
            calls, value = c.node_map(x if name == "from" else y, "Node", sel)
            body += calls
            entries.append(f"`@{key}`: {value}")
        elif name == "citations":
            call, value = c.citations(r, sel)
            body.append(call)
            entries.append(f"`@{key}`: {value}")
        elif name == "explain":
            call, value = c.explain(r, sel)
            body.append(call)
            entries.append(f"`@{key}`: {value}")
    conditions = [] if include_retracted else \
        ["none(r IN relationships(p) WHERE coalesce(r.unsupported, false))"]
    if hub_degree is not None:
        conditions.append(f"all(n IN nodes(p) WHERE n = a OR n = b OR "
                          f"COUNT {{ (n)--() }} <= {c.param(hub_degree)})")
    live = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    lines = [
        f"MATCH (a:{start[0]} {{id: {c.param(start[1])}}}), (b:{end[0]} {{id: {c.param(end[1])}}})",
        f"MATCH p = allShortestPaths((a)-[:{types}*..{int(max_hops)}]-(b))",
        *([live] if live else []),
        f"WITH p LIMIT {int(limit)}",
        "CALL (p) {",
        "  UNWIND range(0, length(p) - 1) AS i",
        "  WITH i, nodes(p)[i] AS x, nodes(p)[i + 1] AS y, relationships(p)[i] AS rel",
        *["  " + b for b in body],
        f"  WITH i, {{{', '.join(entries)}}} AS hop ORDER BY i",
        "  RETURN collect(hop) AS hops",
        "}",
        "RETURN length(p) AS length, hops",
    ]
    return Statement("\n".join(lines), c.params)


TIMELINE_EVENTS = """
CALL (e) {
  MATCH (e)-[r:ACCUSES]->(x:Allegation) RETURN 'ALLEGATION_MADE' AS kind, x, r
  UNION ALL MATCH (x:Allegation)-[r:AGAINST]->(e) RETURN 'ALLEGATION_FACED' AS kind, x, r
  UNION ALL MATCH (e)-[r:ISSUED]->(x:Response) RETURN 'RESPONSE_ISSUED' AS kind, x, r
  UNION ALL MATCH (x:Response)-[r:ON_BEHALF_OF]->(e) RETURN 'RESPONSE_FOR' AS kind, x, r
  UNION ALL MATCH (e)-[via:ACCUSES|AGAINST]-(a:Allegation)<-[r:REPORTS]-(x:Publication)
            WHERE $retracted OR NOT (coalesce(via.unsupported, false)
                                     OR coalesce(a.unsupported, false))
            RETURN 'REPORTED' AS kind, x, r
}
WITH kind, x, r WHERE $retracted OR NOT (coalesce(r.unsupported, false)
                                         OR coalesce(x.unsupported, false))
WITH kind, x, r, coalesce(
  CASE WHEN x:Allegation THEN x.first_reported WHEN x:Publication THEN x.published END,
  COLLECT { UNWIND r.citation_ids AS cid MATCH (:Citation {id: cid})-[:QUOTES]->(p:Publication)
            WHERE p.published IS NOT NULL RETURN p.published ORDER BY p.published LIMIT 1 }[0]
) AS date
"""


def timeline_statement(entity: tuple[str, str], first: int,
                       selections: list[Selection], include_retracted: bool = False
                       ) -> Statement:
    """What involves an entity, in date order (undated last), each with its citations.

    By default an event over an unsupported relationship or claim is left out.
    """
    c = Compiler(include_retracted)
    c.params["retracted"] = include_retracted
    body: list[str] = []
    entries = ["kind: kind", "date: date", "relationship_type: type(r)"]
    for key, f in flatten(selections).items():
        if f.name == "node":
            calls, value = c.node_map("x", "Node", f.selections)
            body += calls
            entries.append(f"`@{key}`: {value}")
        elif f.name == "citations":
            call, value = c.citations("r", f.selections)
            body.append(call)
            entries.append(f"`@{key}`: {value}")
        elif f.name == "explain":
            call, value = c.explain("r", f.selections)
            body.append(call)
            entries.append(f"`@{key}`: {value}")
    lines = [
        f"MATCH (e:{entity[0]} {{id: {c.param(entity[1])}}})",
        TIMELINE_EVENTS.strip(),
        f"ORDER BY date IS NULL, date, kind, x.id LIMIT {c.param(first)}",
        *body,
        f"WITH date, kind, x, {{{', '.join(entries)}}} AS item "
        "ORDER BY date IS NULL, date, kind, x.id",
        "RETURN collect(item) AS items",
    ]
    return Statement("\n".join(lines), c.params)


def explain_statement(rel_id: str, selections: list[Selection]) -> Statement:
    """The provenance chain of one relationship by its id (any type, retracted or not)."""
    c = Compiler(include_retracted=True)
    c.params["id"] = rel_id
    call, value = c.explain("r", selections)
    return Statement("\n".join([relationship_lookup(), "WITH r", call,
                                 f"RETURN {value} AS item"]), c.params)
