"""One statement per root field: lists, a node, search, paths and timelines.

Each builder takes the root field's selections and returns (text, params);
labels and relationship types come from the spec and the model registry only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from strawberry.types.nodes import Selection

from kb.api.cypher.compile import Compiler, flatten, live, needs_total, root_nodes
from kb.api.cypher.lucene import index_query, words
from kb.api.cypher.spec import LABELS, ORDER
from kb.model.graph import model
from kb.store.cypher import relationship_lookup
from kb.store.visible import View, rel_visible, review_ok

SEARCH_HITS = 200  # per full-text index, best first


@dataclass
class Statement:
    text: str
    params: dict[str, Any] = field(default_factory=dict)


def list_statement(type_name: str, selections: list[Selection], skip: int, first: int,
                   where: str = "", params: dict[str, Any] | None = None,
                   include_retracted: bool = False, *, reviewed: bool = False,
                   as_of: dt.date | None = None) -> Statement:
    """A root connection: the page of nodes with everything nested, and the total."""
    c = Compiler(include_retracted, reviewed, as_of)
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
    if type_name in INDEX_ORDERED:
        # All of them less those left out, each found by an index seek (review and
        # unsupported are indexed): no node is read for the usual, unfiltered list.
        rejected = review_ok("v", View())
        gone = {f"WHERE {live('v')}": "u.unsupported = true OR u.review = 'rejected'",
                f"WHERE {rejected} AND {live('v')}":
                    "u.unsupported = true OR u.review = 'rejected'",
                f"WHERE {rejected}": "u.review = 'rejected'"}.get(where)
        if gone is not None:
            return (f"CALL () {{ MATCH (v:{label}) WITH count(v) AS every "
                    f"CALL () {{ MATCH (u:{label}) WHERE {gone} "
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
                   include_retracted: bool = False, *, reviewed: bool = False,
                   as_of: dt.date | None = None) -> Statement:
    c = Compiler(include_retracted, reviewed, as_of)
    calls, value = c.node_map("v", type_name, selections, typed=True)  # node(id:) is a Node
    text = "\n".join([f"MATCH (v:{LABELS[type_name]} {{id: {c.param(db_id)}}})", *calls,
                      f"RETURN {value} AS item"])
    return Statement(text, c.params)


def search_statement(text: str, first: int, selections: list[Selection]) -> Statement:
    """Entities whose names, aliases or allegation summaries match, best first.

    Every full-text index of the model is queried (each as its ``match`` says, see
    kb/api/cypher/lucene.py) and an entity's scores are added; a matching allegation
    stands for its parties. Each index gives at most ``SEARCH_HITS`` hits, so a
    common prefix over a large graph stays cheap.
    """
    c = Compiler()
    calls, value = c.node_map("v", "Entity", selections)
    found = words(text)
    queries = [(name, index_query(found, ft)) for name, ft in model().fulltext.items()]
    hits = "\n  UNION ALL\n  ".join(
        f"CALL db.index.fulltext.queryNodes('{name}', {c.param(query)}, "
        f"{{limit: {SEARCH_HITS}}}) YIELD node, score RETURN node, score"
        for name, query in queries if query)
    lines = [
        "CALL () {\n  " + hits + "\n}",
        "WITH node, sum(score) AS score",
        # A rejected allegation names nobody; a merged entity is found as the one kept.
        "WHERE coalesce(node.review, '') <> 'rejected' AND node.merged_into IS NULL",
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


def hop_fields(c: Compiler, selections: list[Selection], x: str, y: str, r: str
               ) -> tuple[list[str], list[str]]:
    """The subqueries and map entries of a `Hop` (kb/api/paths.py) walked from x to y over r."""
    body: list[str] = []
    entries = [f"type: type({r})", f"forward: startNode({r}) = {x}"]
    scalars = {"relationshipId": ("relationship_id", f"{r}.id"), "role": ("role", f"{r}.role"),
               "kind": ("kind", f"{r}.kind"), "action": ("action", f"{r}.action"),
               "reviewState": ("review_state", f"coalesce({r}.review, 'unreviewed')")}
    for key, g in flatten(selections).items():
        if g.name in scalars:
            py, expr = scalars[g.name]
            if f"{py}: {expr}" not in entries:
                entries.append(f"{py}: {expr}")
            continue
        if g.name in ("from", "to"):
            calls, value = c.node_map(x if g.name == "from" else y, "Node", g.selections)
            body += calls
        elif g.name == "citations":
            call, value = c.citations(r, g.selections)
            body.append(call)
        elif g.name == "explain":
            call, value = c.explain(r, g.selections)
            body.append(call)
        else:
            continue
        entries.append(f"`@{key}`: {value}")
    return body, entries


def paths_statement(start: tuple[str, str], end: tuple[str, str], max_hops: int,
                    selections: list[Selection], limit: int = 25,
                    include_retracted: bool = False, *, reviewed: bool = False,
                    as_of: dt.date | None = None, hub_degree: int | None = None) -> Statement:
    """All shortest paths over cited relationships, each hop with its citations; every hop
    shown by the view (not rejected, and as of a date when given), and no rejected claim
    on the way.

    With ``hub_degree``, no path walks through a node with more relationships than that
    (the ends excepted): the test runs inside the shortest-path search, so a hub (an
    outlet with 100k edges) is never expanded.
    """
    c = Compiler(include_retracted, reviewed, as_of)
    types = "|".join(model().cited_types)  # never QUOTES: citations are not links
    hops: list[Selection] = [g for f in flatten(selections).values() if f.name == "hops"
                             for g in f.selections]
    body, entries = hop_fields(c, hops, "x", "y", "rel")
    view = c.view()
    keep = (f"WHERE all(r IN relationships(p) WHERE {rel_visible('r', view)}) "
            f"AND all(n IN nodes(p) WHERE NOT (n:Allegation OR n:Response) "
            f"OR {review_ok('n', view)})")
    if hub_degree is not None:
        keep += (" AND all(n IN nodes(p) WHERE n = a OR n = b OR "
                 f"COUNT {{ (n)--() }} <= {c.param(hub_degree)})")
    lines = [
        f"MATCH (a:{start[0]} {{id: {c.param(start[1])}}}), (b:{end[0]} {{id: {c.param(end[1])}}})",
        f"MATCH p = allShortestPaths((a)-[:{types}*..{int(max_hops)}]-(b))",
        keep,
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


def neighbourhood_statement(node: tuple[str, str], first: int, selections: list[Selection],
                            include_retracted: bool = False, *, reviewed: bool = False,
                            as_of: dt.date | None = None) -> Statement:
    """The cited relationships of a node, and of the claims (allegations, responses) next to
    it: an entity's allegations come with their other parties. Publications are left out:
    they are the evidence, not the network. The view (retracted, reviewed, as of) applies
    to every relationship and to the claims at its ends."""
    c = Compiler(include_retracted, reviewed, as_of)
    types = "|".join(t for t in model().cited_types if t != "REPORTS")
    body, entries = hop_fields(c, selections, "x", "y", "r")
    view = c.view()
    claim_ok = " AND ".join(f"(NOT ({v}:Allegation OR {v}:Response) OR {review_ok(v, view)})"
                            for v in ("x", "y"))
    lines = [
        f"MATCH (a:{LABELS[node[0]]} {{id: {c.param(node[1])}}})",
        "CALL (a) {",
        f"  MATCH (a)-[r:{types}]-() RETURN r",
        "  UNION",
        f"  MATCH (a)-[:{types}]-(:Allegation|Response)-[r:{types}]-() RETURN r",
        "}",
        "WITH DISTINCT r",
        "WITH r, startNode(r) AS x, endNode(r) AS y",
        f"WHERE {rel_visible('r', view)} AND {claim_ok}",
        f"WITH r, x, y ORDER BY type(r), r.id LIMIT {c.param(first)}",
        *body,
        f"WITH r, {{{', '.join(entries)}}} AS hop ORDER BY type(r), r.id",
        "RETURN collect(hop) AS items",
    ]
    return Statement("\n".join(lines), c.params)


def supported_statement(publication: str, selections: list[Selection]) -> Statement:
    """Every relationship a publication's text supports (a citation quotes it), retracted
    or not: the publication page shows what each span is evidence for."""
    c = Compiler(include_retracted=True)
    body, entries = hop_fields(c, selections, "x", "y", "r")
    branches = [f"MATCH ()-[r:{t} {{id: rid}}]->() RETURN r" for t in model().cited_types]
    lines = [
        f"MATCH (cit:Citation {{publication_id: {c.param(publication)}}})",
        "WITH DISTINCT cit.rel_id AS rid",
        "CALL (rid) {\n  " + "\n  UNION\n  ".join(branches) + "\n}",
        "WITH r, startNode(r) AS x, endNode(r) AS y",
        *body,
        f"WITH r, {{{', '.join(entries)}}} AS hop ORDER BY type(r), r.id",
        "RETURN collect(hop) AS items",
    ]
    return Statement("\n".join(lines), c.params)


def describe_statement(ids: list[str], selections: list[Selection]) -> Statement:
    """Graph ids (as the audit lists them) as nodes, relationships and citations, so a page
    can show names: one indexed lookup per label and relationship type."""
    c = Compiler(include_retracted=True)
    ids_param = c.param(ids)
    node_entries, node_body, hop_sel = ["db_id: did"], [], []
    cit_entries, cit_body = ["db_id: did"], []
    for key, f in flatten(selections).items():
        if f.name == "citation":
            calls, value = c.citation_node("v", f.selections)
            cit_body += calls
            cit_entries.append(f"`@{key}`: {value}")
        elif f.name == "node":
            calls, value = c.node_map("v", "Node", f.selections)
            node_body += calls
            node_entries.append(f"`@{key}`: {value}")
        elif f.name == "relationship":
            hop_sel.append((key, f.selections))
    hop_body: list[str] = []
    hop_entries = ["db_id: did"]
    for key, sel in hop_sel:
        body, entries = hop_fields(c, sel, "x", "y", "r")
        hop_body += body
        hop_entries.append(f"`@{key}`: {{{', '.join(entries)}}}")
    labels = ("Person", "Organisation", "Allegation", "Response", "Publication")
    nodes = [f"MATCH (v:{label} {{id: did}}) RETURN v" for label in labels]
    rels = [f"MATCH ()-[r:{t} {{id: did}}]->() RETURN r" for t in model().cited_types]
    lines = [
        "CALL () {", f"  UNWIND {ids_param} AS did",
        "  CALL (did) {\n    " + "\n    UNION\n    ".join(nodes) + "\n  }",
        *["  " + b for b in node_body],
        f"  RETURN collect({{{', '.join(node_entries)}}}) AS nodes", "}",
        "CALL () {", f"  UNWIND {ids_param} AS did",
        "  CALL (did) {\n    " + "\n    UNION\n    ".join(rels) + "\n  }",
        "  WITH did, r, startNode(r) AS x, endNode(r) AS y",
        *["  " + b for b in hop_body],
        f"  RETURN collect({{{', '.join(hop_entries)}}}) AS rels", "}",
        "CALL () {", f"  UNWIND {ids_param} AS did",
        "  MATCH (v:Citation {id: did})",
        *["  " + b for b in cit_body],
        f"  RETURN collect({{{', '.join(cit_entries)}}}) AS citations", "}",
        "RETURN nodes, rels, citations",
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
WITH kind, x, r WHERE ($retracted OR NOT (coalesce(r.unsupported, false)
                                          OR coalesce(x.unsupported, false)))
  AND {visible}
WITH kind, x, r, coalesce(
  CASE WHEN x:Allegation THEN x.first_reported WHEN x:Publication THEN x.published END,
  COLLECT { UNWIND r.citation_ids AS cid
            MATCH (c:Citation {id: cid})-[:QUOTES]->(p:Publication) USING INDEX c:Citation(id)
            WHERE p.published IS NOT NULL RETURN p.published ORDER BY p.published LIMIT 1 }[0]
) AS date
"""


def timeline_statement(entity: tuple[str, str], first: int,
                       selections: list[Selection], include_retracted: bool = False, *,
                       reviewed: bool = False, as_of: dt.date | None = None) -> Statement:
    """What involves an entity, in date order (undated last), each with its citations.

    By default an event over an unsupported relationship or claim is left out, and so is
    a rejected one; as of a date, only what publications dated by then said.
    """
    c = Compiler(include_retracted, reviewed, as_of)
    view = View(True, reviewed, c.view().as_of)  # retraction is handled by $retracted
    visible = (f"{rel_visible('r', view)} AND (NOT (x:Allegation OR x:Response) "
               f"OR {review_ok('x', view)})")
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
        TIMELINE_EVENTS.strip().replace("{visible}", visible),
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
