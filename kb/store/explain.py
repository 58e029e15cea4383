"""The full provenance chain of one relationship (``kb explain``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from neo4j import Driver

from kb.errors import NotFound
from kb.model.graph import model
from kb.store.values import plain

CONTEXT = 80  # characters of text shown either side of a quote

CITATIONS = """
MATCH (c:Citation {rel_id: $id})-[:QUOTES]->(p:Publication)
RETURN c {.id, .quote, .start, .end, .method, .confidence, .created_by, .created_at} AS citation,
       substring(p.text, CASE WHEN c.start < $ctx THEN 0 ELSE c.start - $ctx END,
                 c.start - CASE WHEN c.start < $ctx THEN 0 ELSE c.start - $ctx END) AS before,
       substring(p.text, c.start, c.end - c.start) AS at,
       substring(p.text, c.end, $ctx) AS after,
       p {.id, .title, .outlet, .url, .published, .retrieved, .sha256, .retracted,
          .retraction_reason} AS publication
ORDER BY p.published, c.start
"""


@cache
def _relationship_statement() -> str:
    """One indexed lookup per relationship type: ids are unique within a type."""
    branches = [
        f"MATCH (a)-[r:{t} {{id: $id}}]->(b) RETURN a, r, b"
        for t in model().relationships
    ]
    return ("CALL () {\n  " + "\n  UNION\n  ".join(branches) + "\n}\n"
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
    return plain({
        "id": rel_id, "type": rel["type"], "start": rel["start"], "end": rel["end"],
        "properties": {k: v for k, v in rel["props"].items() if k != "load_id"},
        "citations": [{**c["citation"], "verified": c["at"] == c["citation"]["quote"],
                       "context": {"before": c["before"], "quote": c["at"], "after": c["after"]},
                       "publication": c["publication"]} for c in cits],
    })


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
