"""The full provenance chain of one relationship (``kb explain``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from neo4j import Driver

from kb.errors import NotFound
from kb.store.cypher import relationship_lookup
from kb.store.values import plain

CONTEXT = 80  # characters of text shown either side of a quote

CITATION_FIELDS = ("id", "quote", "start", "end", "method", "confidence", "created_by",
                   "created_at", "superseded_by")
PUBLICATION_FIELDS = ("id", "title", "outlet", "url", "published", "retrieved", "sha256",
                      "retracted", "retraction_reason")


def context_exprs(c: str, p: str, ctx: str) -> dict[str, str]:
    """Cypher for the text before, at and after citation ``c`` in publication ``p``."""
    begin = f"CASE WHEN {c}.start < {ctx} THEN 0 ELSE {c}.start - {ctx} END"
    return {"before": f"substring({p}.text, {begin}, {c}.start - {begin})",
            "at": f"substring({p}.text, {c}.start, {c}.end - {c}.start)",
            "after": f"substring({p}.text, {c}.end, {ctx})"}


def projection(var: str, fields: tuple[str, ...]) -> str:
    return f"{var} {{{', '.join('.' + f for f in fields)}}}"


def order_citations(c: str, p: str) -> str:
    """Oldest publication first, then by position: the order of the chain."""
    return f"{p}.published, {c}.start, {c}.id"


_CTX = context_exprs("c", "p", "$ctx")
CITATIONS = f"""
MATCH (c:Citation {{rel_id: $id}})-[:QUOTES]->(p:Publication)
RETURN {projection("c", CITATION_FIELDS)} AS citation,
       {_CTX["before"]} AS before,
       {_CTX["at"]} AS at,
       {_CTX["after"]} AS after,
       {projection("p", PUBLICATION_FIELDS)} AS publication
ORDER BY {order_citations("c", "p")}
"""


@cache
def _relationship_statement() -> str:
    return (relationship_lookup() + "\n"
            "RETURN type(r) AS type, properties(r) AS props, "
            "a {.id, .name, .summary, .title, labels: labels(a)} AS start, "
            "b {.id, .name, .summary, .title, labels: labels(b)} AS end")


def explain(driver: Driver, database: str, rel_id: str) -> dict[str, Any]:
    records = driver.execute_query(_relationship_statement(), id=rel_id, database_=database,
                                   routing_="r").records
    if not records:
        raise NotFound(f"no relationship with id {rel_id!r}")
    rel = records[0]
    cits = driver.execute_query(CITATIONS, id=rel_id, ctx=CONTEXT, database_=database,
                                routing_="r").records
    chain: dict[str, Any] = plain({
        "id": rel_id, "type": rel["type"], "start": rel["start"], "end": rel["end"],
        "properties": {k: v for k, v in rel["props"].items() if k != "load_id"},
        "citations": [{**c["citation"], "verified": c["at"] == c["citation"]["quote"]
                       and c["citation"]["superseded_by"] is None,
                       "context": {"before": c["before"], "quote": c["at"], "after": c["after"]},
                       "publication": c["publication"]} for c in cits],
    })
    return chain


def render_explain(data: dict[str, Any]) -> str:
    def name(node: dict[str, Any]) -> str:
        label = "/".join(node["labels"])
        return f"{label} {node.get('name') or node.get('summary') or node.get('title') or ''} " \
               f"({node['id']})"

    lines = [f"{data['type']} {data['id']}",
             f"  from {name(data['start'])}", f"  to   {name(data['end'])}"]
    if data["properties"].get("unsupported"):
        lines.append("  UNSUPPORTED: every publication citing it is retracted")
    for i, c in enumerate(data["citations"], 1):
        pub = c["publication"]
        ok = "verified" if c["verified"] else "DOES NOT VERIFY"
        if c.get("superseded_by"):
            ok += f": the corrected text ({c['superseded_by']}) no longer says it"
        lines += [
            f"\n  citation {i}: {c['id']} ({ok})",
            f"    …{c['context']['before']}[{c['context']['quote']}]{c['context']['after']}…",
            f"    chars {c['start']}-{c['end']} of {pub['outlet']}, \"{pub['title']}\", "
            f"{pub['published'] or 'undated'}",
            f"    url {pub['url']}  sha256 {pub['sha256']}  retrieved {pub['retrieved']}",
            f"    made by {c['created_by']} ({c['method']}, confidence {c['confidence']}) "
            f"at {c['created_at']}",
        ]
        if pub.get("retracted"):
            lines.append(f"    RETRACTED: {pub.get('retraction_reason')}")
    return "\n".join(lines)
