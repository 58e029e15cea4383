"""Root fields for the people who check the graph: `auditLog` (admins) and
`reviewCandidates` (editors): what waits for a person's judgement."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import strawberry
from strawberry.scalars import JSON

from kb.api.auth import require
from kb.api.context import Info
from kb.api.ids import decode_id
from kb.api.pages import MAX_PAGE, page_window
from kb.errors import InvalidInput
from kb.store import audit_log
from kb.store.review import OPEN, interpret


@strawberry.type(description="One mutation: who, when, what, and the ids before and after.")
class AuditEvent:
    id: str
    at: dt.datetime
    actor: str
    role: str
    action: str
    entity_ids: list[str]
    before_ids: list[str] = strawberry.field(description="Existing nodes and relationships "
                                                         "the mutation referred to.")
    after_ids: list[str] = strawberry.field(description="Nodes, relationships and citations "
                                                        "it wrote (new or merged).")
    input: JSON


@strawberry.type(description=(
    "An extracted item under the confidence threshold (kept instead of an edge), or two "
    "entities that may be one person or organisation (never merged silently)."))
class ReviewCandidate:
    id: str
    kind: str = strawberry.field(description="review:allegation, review:denial, ..., or merge")
    summary: str
    payload: JSON


def _entity(value: str | None) -> str | None:
    """A global id or a graph id; both name the same node."""
    if value is None:
        return None
    try:
        return decode_id(value)[1]
    except InvalidInput:
        return value


@strawberry.type
class AdminQueries:
    @strawberry.field(description=f"The audit log, newest first; at most {MAX_PAGE}. Admin only.")
    async def audit_log(self, info: Info, since: dt.datetime | None = None,
                        until: dt.datetime | None = None, actor: str | None = None,
                        entity: str | None = None, first: int | None = 50) -> list[AuditEvent]:
        await require(info, "admin")
        _, limit = page_window(first, None)
        info.context.db.statements += 1
        rows = await audit_log.read(info.context.driver, info.context.database, since=since,
                                    until=until, actor=actor, entity=_entity(entity),
                                    first=limit)
        return [_event(r) for r in rows]

    @strawberry.field(description="Open review and merge candidates. Editors and admins.")
    async def review_candidates(self, info: Info) -> list[ReviewCandidate]:
        await require(info, "editor")
        info.context.db.statements += 1
        records, _, _ = await info.context.driver.execute_query(
            OPEN, database_=info.context.database, routing_="r")
        return [ReviewCandidate(**item) for item in interpret(records)]


def _event(row: dict[str, Any]) -> AuditEvent:
    return AuditEvent(id=row["id"], at=row["at"].to_native(), actor=row["actor"],
                      role=row["role"], action=row["action"], entity_ids=row["entity_ids"],
                      before_ids=row["before_ids"], after_ids=row["after_ids"],
                      input=json.loads(row["input"]))
