"""Root field `auditLog`, for admins: the append-only record of every mutation."""

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


def _event(row: dict[str, Any]) -> AuditEvent:
    return AuditEvent(id=row["id"], at=row["at"].to_native(), actor=row["actor"],
                      role=row["role"], action=row["action"], entity_ids=row["entity_ids"],
                      before_ids=row["before_ids"], after_ids=row["after_ids"],
                      input=json.loads(row["input"]))
