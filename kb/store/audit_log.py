"""The append-only audit log of API mutations (``AuditEvent`` nodes).

``record`` runs inside the mutation's own write transaction, so an event
exists exactly when its change does. Events are only ever CREATEd: nothing in
kb updates or deletes them.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from kb.store.values import plain

MAX_INPUT_CHARS = 20_000  # the input of a mutation, kept for the record but bounded

RECORD = """
CREATE (e:AuditEvent {id: $id, at: $at, actor: $actor, role: $role, action: $action,
                      entity_ids: $entity_ids, before_ids: $before_ids,
                      after_ids: $after_ids, input: $input})
"""

READ = """
MATCH (e:AuditEvent)
WHERE ($since IS NULL OR e.at >= $since) AND ($until IS NULL OR e.at < $until)
  AND ($actor IS NULL OR e.actor = $actor)
  AND ($entity IS NULL OR $entity IN e.entity_ids OR $entity IN e.after_ids
       OR $entity IN e.before_ids)
RETURN e {.*} AS event ORDER BY e.at DESC, e.id LIMIT $first
"""


async def record(
    tx: AsyncManagedTransaction, *, actor: str, role: str, action: str,
    entity_ids: list[str], before_ids: list[str], after_ids: list[str],
    input: dict[str, Any],
) -> str:
    """Append one event in the caller's transaction; return its id."""
    event_id = "aud_" + uuid.uuid4().hex
    text = json.dumps(plain(input), sort_keys=True, default=str)
    if len(text) > MAX_INPUT_CHARS:
        text = text[:MAX_INPUT_CHARS] + "…"
    await tx.run(RECORD, id=event_id, at=dt.datetime.now(dt.UTC), actor=actor, role=role,
                 action=action, entity_ids=sorted(set(entity_ids)),
                 before_ids=sorted(set(before_ids)), after_ids=sorted(set(after_ids)),
                 input=text)
    return event_id


async def read(
    driver: AsyncDriver, database: str, *, since: dt.datetime | None = None,
    until: dt.datetime | None = None, actor: str | None = None, entity: str | None = None,
    first: int = 50,
) -> list[dict[str, Any]]:
    """Newest first, filtered by time window, actor and any id the event touched."""
    records, _, _ = await driver.execute_query(
        READ, since=since, until=until, actor=actor, entity=entity, first=first,
        database_=database, routing_="r")
    return [dict(r["event"]) for r in records]


def event_params(
    *, actor: str, role: str, action: str, entity_ids: list[str], before_ids: list[str],
    after_ids: list[str], input: dict[str, Any],
) -> dict[str, Any]:
    """The parameters of RECORD, for writers outside the API (the CLI's retract, correct)."""
    text = json.dumps(plain(input), sort_keys=True, default=str)
    if len(text) > MAX_INPUT_CHARS:
        text = text[:MAX_INPUT_CHARS] + "…"
    return {"id": "aud_" + uuid.uuid4().hex, "at": dt.datetime.now(dt.UTC), "actor": actor,
            "role": role, "action": action, "entity_ids": sorted(set(entity_ids)),
            "before_ids": sorted(set(before_ids)), "after_ids": sorted(set(after_ids)),
            "input": text}
