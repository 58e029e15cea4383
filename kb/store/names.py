"""Readable names for ids: what a person reads instead of ``alg_…``, ``pub_…`` or ``rel_…``.

One statement for any number of ids: each node label and relationship type the
model declares is one indexed lookup (ids are unique per label and per type).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from neo4j import Driver

from kb.model.graph import model

# What stands for a node of each label, and what is added to it (names at the ends of
# its edges), as Cypher over ``n``.
_NODE_TEXT: dict[str, str] = {
    "Person": "n.name", "Organisation": "n.name", "Allegation": "n.summary",
    "Response": "n.type + ': ' + n.summary",
    "Publication": "n.title + ' (' + n.outlet + ')'",
    "Citation": "'\"' + n.quote + '\"'",
}
_NODE_PARTIES: dict[str, str] = {
    "Allegation": "COLLECT { MATCH (n)-[:AGAINST]->(t) RETURN t.name }",
    "Response": "COLLECT { MATCH (t)-[:ISSUED]->(n) RETURN t.name }",
    "Citation": "COLLECT { MATCH (n)-[:QUOTES]->(t:Publication) RETURN t.title }",
}
_PARTY_WORD = {"Allegation": "against", "Response": "by", "Citation": "in"}
_END = "coalesce({v}.name, {v}.summary, {v}.title, {v}.id)"
MAX_TEXT = 90


@cache
def names_statement() -> str:
    graph = model()
    branches = []
    for label, text in _NODE_TEXT.items():
        graph.node(label)  # a label the model does not declare fails here
        parties = _NODE_PARTIES.get(label, "[]")
        branches.append(f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) "
                        f"RETURN id, '{label}' AS kind, {text} AS text, {parties} AS parties")
    for rel_type in graph.relationships:
        branches.append(
            f"UNWIND $ids AS id MATCH (a)-[r:{rel_type} {{id: id}}]->(b) "
            f"RETURN id, '{rel_type}' AS kind, {_END.format(v='a')} AS text, "
            f"[{_END.format(v='b')}] AS parties")
    union = "\n  UNION ALL\n  ".join(branches)
    return "CALL () {\n  " + union + "\n}\nRETURN id, kind, text, parties"


def _short(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1].rstrip() + "…"


def describe(row: dict[str, Any]) -> str:
    """One line naming a node or relationship, e.g. ``ACCUSES: Rena Hollis → took credit…``."""
    kind, text, parties = row["kind"], _short(str(row["text"])), list(row["parties"] or [])
    if kind in _NODE_TEXT:
        word = _PARTY_WORD.get(kind)
        return f"{text} ({word} {', '.join(parties)})" if word and parties else text
    return f"{kind}: {text} → {_short(str(parties[0]))}" if parties else f"{kind}: {text}"


def names(driver: Driver, database: str, ids: list[str]) -> dict[str, str]:
    """id -> a line naming it; ids that are nowhere in the graph are left out."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    records = driver.execute_query(names_statement(), ids=wanted, database_=database,
                                   routing_="r").records
    return {r["id"]: describe(dict(r)) for r in records}


def named(item: str, found: dict[str, str]) -> str:
    """``name (id)`` when the id has a name, else the id as it is."""
    return f"{found[item]} ({item})" if item in found else item
