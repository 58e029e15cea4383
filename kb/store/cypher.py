"""The write statement, generated once from the graph model.

One statement merges a whole plan: a ``CALL {}`` subquery per node label and
per (relationship type, start label, end label), each fed its own list from
the one ``$rows`` map. The text depends only on schema/graph.yaml, and the
parameters always have the same types (a map, whatever lists are empty), so
Neo4j plans it once; labels and types never come from input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from kb.model.graph import GraphModel, model


@dataclass(frozen=True)
class Part:
    """One subquery: which rows feed it and what its counts are called."""

    param: str
    kind: str  # "node", "citation" or "rel"
    name: str  # label or relationship type, for the load summary
    label: str = ""
    subtype: str | None = None
    rel_type: str = ""
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class WriteStatement:
    text: str
    parts: tuple[Part, ...]
    # The same, one statement per part (for bulk loads: only the parts that have rows
    # are sent, and no part waits on the reads of the others).
    part_texts: tuple[str, ...] = ()


def _list_merges(var: str, props: Mapping[str, str]) -> list[str]:
    lines = []
    for name, how in props.items():
        if how == "union":
            lines.append(
                f"  SET {var}.{name} = coalesce({var}.{name}, []) + "
                f"[x IN coalesce(r.union.{name}, []) WHERE NOT x IN coalesce({var}.{name}, [])]"
            )
        elif how == "earliest":
            lines.append(
                f"  SET {var}.{name} = CASE WHEN r.earliest.{name} IS NULL THEN {var}.{name} "
                f"WHEN {var}.{name} IS NULL OR r.earliest.{name} < {var}.{name} "
                f"THEN r.earliest.{name} ELSE {var}.{name} END"
            )
        elif how == "review":
            # A person's decision stays; a curated source vouches for an unreviewed claim.
            lines.append(
                f"  SET {var}.{name} = CASE WHEN {var}.{name} IS NULL THEN r.review.{name} "
                f"WHEN {var}.{name} = 'unreviewed' AND r.review.{name} = 'accepted' "
                f"THEN 'accepted' ELSE {var}.{name} END"
            )
    return lines


def _counts(var: str, i: int) -> str:
    # c{i}: for each row this write created, the plan ("rep") it came from.
    return (f"  RETURN count({var}) AS t{i}, "
            f"collect(CASE {var}.load_id WHEN $load_id THEN r.rep END) AS c{i}")


def node_parts(graph: GraphModel) -> list[Part]:
    parts: list[Part] = []
    order = ["Publication", *[lbl for lbl in graph.nodes if lbl not in ("Publication", "Citation")]]
    for label in order:
        node = graph.node(label)
        subtypes: list[str | None] = [*node.subtypes] or [None]
        for subtype in subtypes:
            suffix = f"_{subtype}" if subtype else ""
            parts.append(Part(f"n_{label}{suffix}", "node", subtype or label, label=label,
                              subtype=subtype))
    return parts


def rel_parts(graph: GraphModel) -> list[Part]:
    return [
        Part(f"r_{rel_type}_{start}_{end}", "rel", rel_type, rel_type=rel_type,
             start=start, end=end)
        for rel_type, rel in graph.relationships.items() if rel.cited
        for start, end in rel.endpoints
    ]


@cache
def write_statement() -> WriteStatement:
    graph = model()
    parts = [*node_parts(graph), Part("citations", "citation", "Citation"), *rel_parts(graph)]
    blocks: list[str] = []
    for i, part in enumerate(parts):
        if part.kind == "node":
            merges = {n: p.merge for n, p in graph.node(part.label).properties.items()}
            lines = [
                "CALL () {",
                f"  UNWIND $rows.{part.param} AS r",
                f"  MERGE (n:{part.label} {{id: r.id}})",
                "  ON CREATE SET n += r.first, n.load_id = $load_id",
            ]
            if part.subtype:
                lines.append(f"  SET n:{part.subtype}")
            lines += _list_merges("n", merges)
            lines += [_counts("n", i), "}"]
        elif part.kind == "citation":
            lines = [
                "CALL () {",
                f"  UNWIND $rows.{part.param} AS r",
                "  MATCH (p:Publication {id: r.first.publication_id})",
                "  MERGE (n:Citation {id: r.id})",
                "  ON CREATE SET n += r.first, n.load_id = $load_id, n.created_at = $now",
                "  MERGE (n)-[q:QUOTES {id: r.quotes_id}]->(p)",
                _counts("n", i),
                "}",
            ]
        else:
            merges = {n: p.merge for n, p in graph.rel(part.rel_type).properties.items()}
            lines = [
                "CALL () {",
                f"  UNWIND $rows.{part.param} AS r",
                f"  MATCH (a:{part.start} {{id: r.start}})",
                f"  MATCH (b:{part.end} {{id: r.end}})",
                f"  MERGE (a)-[e:{part.rel_type} {{id: r.id}}]->(b)",
                "  ON CREATE SET e += r.first, e.load_id = $load_id",
                "  SET e.citation_ids = coalesce(e.citation_ids, []) + "
                "[x IN r.citation_ids WHERE NOT x IN coalesce(e.citation_ids, [])]",
            ]
            lines += _list_merges("e", merges)
            lines += [_counts("e", i), "}"]
        blocks.append("\n".join(lines))
    columns = ", ".join(f"t{i}, c{i}" for i in range(len(parts)))
    singles = tuple(f"{block}\nRETURN t{i}, c{i}" for i, block in enumerate(blocks))
    return WriteStatement("\n".join(blocks) + f"\nRETURN {columns}", tuple(parts), singles)


@cache
def relationship_lookup(cited_only: bool = False) -> str:
    """A subquery binding ``a``, ``r``, ``b`` for the relationship whose id is ``$id``.

    One indexed lookup per relationship type: ids are unique within a type.
    """
    graph = model()
    types = graph.cited_types if cited_only else list(graph.relationships)
    branches = [f"MATCH (a)-[r:{t} {{id: $id}}]->(b) RETURN a, r, b" for t in types]
    return "CALL () {\n  " + "\n  UNION\n  ".join(branches) + "\n}"
