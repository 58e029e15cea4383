"""A person's decisions on claims: accept, reject, edit (``kb review``, the review mutations).

A claim is an allegation or a response (a node) or a relation between entities
(an affiliation, association or action: a cited relationship). Its review
state lives on the claim and on its cited relationships; a rejection stays on
the claim's content id, so reloading or re-extracting never brings it back
(the write layer never undoes a decision, kb/store/cypher.py). Each decision
is recorded in the audit log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from neo4j import AsyncDriver, Driver

from kb.errors import InvalidInput, NotFound
from kb.model.graph import model
from kb.store.audit_log import RECORD, event_params
from kb.store.retract import Steps, find_publication_steps, run_steps, run_steps_async

T = TypeVar("T")

STATES = ("unreviewed", "accepted", "rejected")
ACTIONS = {"accepted": "acceptClaim", "rejected": "rejectClaim", "unreviewed": "reopenClaim"}


@dataclass
class Claim:
    """Where a claim lives: ``label`` is a claim label or a relation type."""

    id: str
    label: str
    review: str
    relation: bool = False


@dataclass
class Decision:
    claim: Claim
    state: str
    relationships: list[str] = field(default_factory=list)


@cache
def find_claim_statement() -> str:
    graph = model()
    branches = [f"MATCH (n:{label} {{id: $id}}) RETURN '{label}' AS label, false AS relation, "
                "coalesce(n.review, 'unreviewed') AS review" for label in graph.claim_labels]
    branches += [f"MATCH ()-[n:{t} {{id: $id}}]->() RETURN '{t}' AS label, true AS relation, "
                 "coalesce(n.review, 'unreviewed') AS review" for t in graph.relation_types]
    return "CALL () {\n  " + "\n  UNION\n  ".join(branches) + "\n}\nRETURN label, relation, review"


def find_claim_steps(claim_id: str) -> Steps[Claim]:
    rows = yield find_claim_statement(), {"id": claim_id}
    if not rows:
        raise NotFound(f"no allegation, response or relation with id {claim_id!r}")
    row = rows[0]
    return Claim(claim_id, row["label"], row["review"], row["relation"])


@cache
def _set_node_statement(label: str) -> str:
    model().node(label)  # labels only from the model
    return f"""
MATCH (n:{label} {{id: $id}})
SET n.review = $state, n.reviewed_by = $actor, n.reviewed_at = $now, n.review_reason = $reason
WITH n
OPTIONAL MATCH (n)-[r]-(o) WHERE type(r) IN $cited
  AND NOT ($state = 'accepted' AND coalesce(o.review, '') = 'rejected')
SET r.review = $state, r.reviewed_by = $actor, r.reviewed_at = $now, r.review_reason = $reason
RETURN collect(r.id) AS ids
"""


@cache
def _set_relation_statement(rel_type: str) -> str:
    if rel_type not in model().relation_types:
        raise InvalidInput(f"{rel_type} is not a relation")
    return f"""
MATCH ()-[r:{rel_type} {{id: $id}}]->()
SET r.review = $state, r.reviewed_by = $actor, r.reviewed_at = $now, r.review_reason = $reason
RETURN collect(r.id) AS ids
"""


def decide_steps(claim_id: str, state: str, *, reason: str | None, actor: str, role: str,
                 action: str | None = None, note: dict[str, Any] | None = None,
                 after: list[str] | None = None) -> Steps[Decision]:
    """Set a claim's review state (and its relationships'), and log it: one transaction."""
    if state not in STATES:
        raise InvalidInput(f"a review state is one of {', '.join(STATES)}", field="state")
    if state == "rejected" and not (reason or "").strip():
        raise InvalidInput("a rejection needs a reason", field="reason")
    claim = yield from find_claim_steps(claim_id)
    statement = (_set_relation_statement(claim.label) if claim.relation
                 else _set_node_statement(claim.label))
    rows = yield statement, {"id": claim.id, "state": state, "actor": actor,
                             "now": dt.datetime.now(dt.UTC), "reason": reason,
                             "cited": model().cited_types}
    decision = Decision(claim, state, sorted(i for i in rows[0]["ids"] if i))
    yield RECORD, event_params(
        actor=actor, role=role, action=action or ACTIONS[state],
        entity_ids=[claim.id, *(after or [])], before_ids=[claim.id],
        after_ids=[*(after or []), *decision.relationships],
        input={"claim": claim.id, "from": claim.review, "to": state, "reason": reason,
               **(note or {})})
    return decision


@cache
def from_publication_statement() -> str:
    """Every claim one publication supports, through the citations it holds."""
    lookups = "\n  UNION\n  ".join(
        f"MATCH (a)-[r:{t} {{id: rel_id}}]->(b) WHERE rel_type = '{t}' RETURN a, r, b"
        for t in model().cited_types)
    return """
MATCH (c:Citation {publication_id: $id})
WITH DISTINCT c.rel_id AS rel_id, c.rel_type AS rel_type
CALL (rel_id, rel_type) {
  """ + lookups + """
}
WITH CASE WHEN type(r) IN $relations THEN r.id
          WHEN any(l IN labels(a) WHERE l IN $claims) THEN a.id
          ELSE b.id END AS claim, r
WHERE coalesce(r.review, 'unreviewed') = 'unreviewed'
RETURN DISTINCT claim ORDER BY claim
"""


def accept_all_from_steps(publication: str, *, actor: str, role: str) -> Steps[list[str]]:
    """Accept every unreviewed claim a publication supports (``kb review accept --all-from``)."""
    pub = yield from find_publication_steps(publication)
    graph = model()
    rows = yield from_publication_statement(), {"id": pub["id"],
                                    "relations": graph.relation_types,
                                    "claims": graph.claim_labels}
    accepted = []
    for row in rows:
        claim = yield from find_claim_steps(row["claim"])
        if claim.review != "unreviewed":
            continue
        yield from decide_steps(claim.id, "accepted", reason=None, actor=actor, role=role,
                                note={"all_from": pub["id"]})
        accepted.append(claim.id)
    return accepted


def decide(driver: Driver, database: str, steps: Callable[[], Steps[T]]) -> T:
    """Run decision steps in one write transaction (the CLI); ``steps`` makes them afresh
    when the driver retries the transaction."""
    with driver.session(database=database) as session:
        return session.execute_write(lambda tx: run_steps(tx, steps()))


async def decide_async(driver: AsyncDriver, database: str, steps: Callable[[], Steps[T]]) -> T:
    """The same for the API's async driver."""
    async with driver.session(database=database) as session:
        return await session.execute_write(lambda tx: run_steps_async(tx, steps()))
