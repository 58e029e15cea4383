"""Retraction and correction of a publication. Nothing is ever deleted.

A retraction flags the publication (reason, time). Every relationship whose
citations all quote retracted publications becomes ``unsupported`` and leaves
default queries; an allegation or response all of whose cited relationships
are unsupported is flagged too. A correction stores a new snapshot of the text
and reports the citations that no longer verify against it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from neo4j import AsyncDriver, AsyncManagedTransaction, Driver, ManagedTransaction

from kb.errors import InvalidInput, NotFound
from kb.model.graph import model
from kb.model.identity import make_id, normalise_url, text_sha256
from kb.store.audit_log import RECORD, event_params

T = TypeVar("T")

FIND = """
MATCH (p:Publication) WHERE p.id = $key OR p.url = $key OR p.id = $url_id
RETURN p.id AS id, p.url AS url, coalesce(p.retracted, false) AS retracted, p.text AS text
LIMIT 1
"""

FLAG = """
MATCH (p:Publication {id: $id})
SET p.retracted = true, p.retraction_reason = $reason, p.retracted_at = $now
"""

# Each relationship this publication supports, with how many live citations it keeps:
# quoting an unretracted publication, and still said by its current (corrected) text.
SUPPORT = """
MATCH (c:Citation {publication_id: $id})
WITH DISTINCT c.rel_id AS rel_id, c.rel_type AS rel_type
OPTIONAL MATCH (o:Citation {rel_id: rel_id})-[:QUOTES]->(q:Publication)
  WHERE NOT coalesce(q.retracted, false) AND o.superseded_by IS NULL
RETURN rel_id, rel_type, count(o) AS live
"""

# Claims (allegations, responses) all of whose cited edges are unsupported, and those
# flagged before that have support again (an undone retraction), among the ends of the
# relationships this change touched: never a scan of every claim.
@cache
def _claims_statement() -> str:
    branches = [
        f"UNWIND coalesce($ids.{t}, []) + coalesce($clear.{t}, []) AS rid "
        f"MATCH (a)-[:{t} {{id: rid}}]->(b) UNWIND [a, b] AS n RETURN n"
        for t in model().cited_types
    ]
    return "\n".join([
        "CALL () {",
        "  " + "\n  UNION\n  ".join(branches),
        "}",
        "WITH n WHERE n:Allegation OR n:Response",
        "WITH n, [(n)-[x]-() WHERE type(x) IN $cited | coalesce(x.unsupported, false)] AS flags",
        "WITH n, all(f IN flags WHERE f) AS gone",
        "SET n.unsupported = CASE WHEN gone THEN true ELSE null END",
        "RETURN n.id AS id, gone",
    ])


@cache
def _mark_statement() -> str:
    """Flag relationships by id (or clear the flag, in $clear), one indexed subquery per
    cited type (from the model)."""
    blocks = [
        f"CALL () {{ UNWIND coalesce($ids.{t}, []) AS rid MATCH ()-[r:{t} {{id: rid}}]->() "
        f"SET r.unsupported = true RETURN count(r) AS n_{t} }}\n"
        f"CALL () {{ UNWIND coalesce($clear.{t}, []) AS rid MATCH ()-[r:{t} {{id: rid}}]->() "
        f"REMOVE r.unsupported RETURN count(r) AS u_{t} }}"
        for t in model().cited_types
    ]
    return "\n".join(blocks) + "\nRETURN " + " + ".join(f"n_{t}" for t in model().cited_types) \
        + " AS marked"


@dataclass
class Retraction:
    publication_id: str
    already: bool = False
    unsupported_relationships: list[str] = field(default_factory=list)
    unsupported_claims: list[str] = field(default_factory=list)


# A transaction's work as a generator: it yields (query, parameters) and is sent
# back the records as dicts, so the sync CLI and the async API run the same steps.
Steps = Generator[tuple[str, dict[str, Any]], list[dict[str, Any]], T]


def run_steps(tx: ManagedTransaction, steps: Steps[T]) -> T:
    """Drive ``steps`` in a sync transaction."""
    try:
        query, params = next(steps)
        while True:
            query, params = steps.send([dict(r) for r in tx.run(query, params)])
    except StopIteration as done:
        value: T = done.value
        return value


async def run_steps_async(tx: AsyncManagedTransaction, steps: Steps[T]) -> T:
    """Drive ``steps`` in an async transaction."""
    try:
        query, params = next(steps)
        while True:
            result = await tx.run(query, params)
            query, params = steps.send([dict(r) async for r in result])
    except StopIteration as done:
        value: T = done.value
        return value


def find_publication_steps(key: str) -> Steps[dict[str, Any]]:
    url_id = make_id("pub", normalise_url(key))
    rows = yield FIND, {"key": key, "url_id": url_id}
    if not rows:
        raise NotFound(f"no publication with id or URL {key!r}")
    return rows[0]


def retract_steps(key: str, reason: str, actor: str, role: str = "admin") -> Steps[Retraction]:
    """Flag, mark unsupported relationships and claims, record the event: one transaction."""
    if not reason.strip():
        raise InvalidInput("a retraction needs a reason", field="reason")
    pub = yield from find_publication_steps(key)
    result = Retraction(pub["id"])
    if pub["retracted"]:
        result.already = True
        return result
    yield FLAG, {"id": pub["id"], "reason": reason, "now": dt.datetime.now(dt.UTC)}
    rels, claims = yield from support_steps(pub["id"])
    result.unsupported_relationships += rels
    result.unsupported_claims += claims
    yield RECORD, event_params(
        actor=actor, role=role, action="retractPublication", entity_ids=[pub["id"]],
        before_ids=[], after_ids=sorted(result.unsupported_claims),
        input={"publication": pub["id"], "reason": reason})
    return result


def support_steps(pub_id: str) -> Steps[tuple[list[str], list[str]]]:
    """Re-derive `unsupported` for what this publication cites and for the claims around:
    (relationships now unsupported, claims now unsupported)."""
    ids: dict[str, list[str]] = {}
    clear: dict[str, list[str]] = {}
    rels: list[str] = []
    for rec in (yield SUPPORT, {"id": pub_id}):
        if rec["live"] == 0:
            ids.setdefault(rec["rel_type"], []).append(rec["rel_id"])
            rels.append(rec["rel_id"])
        else:
            clear.setdefault(rec["rel_type"], []).append(rec["rel_id"])
    yield _mark_statement(), {"ids": ids, "clear": clear}
    claims = [rec["id"] for rec in (yield _claims_statement(),
                                     {"ids": ids, "clear": clear, "cited": model().cited_types})
              if rec["gone"]]
    return rels, claims


UNFLAG = """
MATCH (p:Publication {id: $id})
SET p.retracted = false REMOVE p.retraction_reason, p.retracted_at
"""


def unretract_steps(key: str, reason: str, actor: str, role: str = "admin"
                    ) -> Steps[Retraction]:
    """Undo a retraction (``kb retract --undo``): what it alone hid is shown again."""
    if not reason.strip():
        raise InvalidInput("undoing a retraction needs a reason", field="reason")
    pub = yield from find_publication_steps(key)
    result = Retraction(pub["id"])
    if not pub["retracted"]:
        result.already = True
        return result
    yield UNFLAG, {"id": pub["id"]}
    rels, claims = yield from support_steps(pub["id"])
    result.unsupported_relationships, result.unsupported_claims = rels, claims
    yield RECORD, event_params(
        actor=actor, role=role, action="unretractPublication", entity_ids=[pub["id"]],
        before_ids=[], after_ids=[], input={"publication": pub["id"], "reason": reason})
    return result


def unretract(driver: Driver, database: str, key: str, reason: str, actor: str) -> Retraction:
    with driver.session(database=database) as session:
        return session.execute_write(
            lambda tx: run_steps(tx, unretract_steps(key, reason, actor, "cli")))


def find_publication(tx: ManagedTransaction, key: str) -> dict[str, Any]:
    return run_steps(tx, find_publication_steps(key))


def retract(driver: Driver, database: str, key: str, reason: str, actor: str) -> Retraction:
    if not reason.strip():
        raise InvalidInput("a retraction needs a reason (--reason)")
    with driver.session(database=database) as session:
        return session.execute_write(lambda tx: run_steps(tx, retract_steps(key, reason, actor)))


async def retract_async(driver: AsyncDriver, database: str, key: str, reason: str,
                        actor: str, role: str) -> Retraction:
    """``retract`` for the API: the same steps in one async write transaction."""
    async with driver.session(database=database) as session:
        return await session.execute_write(
            lambda tx: run_steps_async(tx, retract_steps(key, reason, actor, role)))


@dataclass
class Correction:
    publication_id: str
    snapshot_id: str
    stale: list[dict[str, Any]]
    unsupported_relationships: list[str] = field(default_factory=list)
    unsupported_claims: list[str] = field(default_factory=list)


CITATIONS = """
MATCH (c:Citation {publication_id: $id})
RETURN c.id AS id, c.rel_id AS rel_id, c.quote AS quote, c.start AS start, c.end AS end
ORDER BY c.start, c.id
"""

# A text corrected back to an earlier version is that snapshot again, and the newest.
SNAPSHOT = """
MERGE (s:PublicationSnapshot {id: $sid})
ON CREATE SET s.publication_id = $id, s.text = $text, s.sha256 = $sha, s.reason = $reason
SET s.taken_at = $now
"""


SUPERSEDE = """
UNWIND $rows AS row
MATCH (c:Citation {id: row.id})
SET c.superseded_by = row.sid
"""


def correct_steps(key: str, text: str, reason: str, actor: str,
                  role: str = "admin") -> Steps[Correction]:
    """Store the corrected text as the current snapshot, check every citation of the
    publication against it (``superseded_by`` names the correction a quote is no longer
    in; a quote back in place is verified again), re-derive support, log: one transaction.
    """
    if not text.strip():
        raise InvalidInput("the corrected text is empty")
    pub = yield from find_publication_steps(key)
    sha = text_sha256(text)
    sid = make_id("snp", pub["id"], sha)
    stale, rows = [], []
    for rec in (yield CITATIONS, {"id": pub["id"]}):
        gone = text[rec["start"]:rec["end"]] != rec["quote"]
        rows.append({"id": rec["id"], "sid": sid if gone else None})
        if gone:
            moved = text.find(rec["quote"])
            stale.append({**rec, "found_at": moved if moved >= 0 else None})
    yield SNAPSHOT, {"sid": sid, "id": pub["id"], "text": text, "sha": sha,
                     "now": dt.datetime.now(dt.UTC), "reason": reason or "correction"}
    yield SUPERSEDE, {"rows": rows}
    rels, claims = yield from support_steps(pub["id"])
    yield RECORD, event_params(
        actor=actor, role=role, action="correctPublication", entity_ids=[pub["id"]],
        before_ids=[], after_ids=[sid, *claims],
        input={"publication": pub["id"], "reason": reason,
               "stale_citations": [s["id"] for s in stale]})
    return Correction(pub["id"], sid, stale, rels, claims)


def correct(driver: Driver, database: str, key: str, text: str, reason: str,
            actor: str) -> Correction:
    """Store a corrected text as a new snapshot; report citations it no longer supports."""
    with driver.session(database=database) as session:
        return session.execute_write(
            lambda tx: run_steps(tx, correct_steps(key, text, reason, actor)))
