"""Entities without claims (people, organisations from another tool): no edge, no citation.

They resolve against the graph exactly as a report's entities do (``RESOLVE``, bare surnames
become merge candidates, never silent merges) and are merged by the same generated write
statement, so a name already in the graph gains the new aliases and nothing else changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from neo4j import Driver, ManagedTransaction

from kb.model.identity import surname_key
from kb.model.plan import EntityRef, NodeRow, Plan
from kb.store.audit_log import RECORD, event_params
from kb.store.cypher import write_statement
from kb.store.resolve import RESOLVE, Known, apply_resolution, resolve_params
from kb.store.write import LoadResult, count_result, plan_params

BATCH = 5_000  # entities a transaction: a large file in bounded transactions


def _rows(refs: list[EntityRef], resolved: dict[str, tuple[str, str]]) -> list[NodeRow]:
    rows: dict[str, NodeRow] = {}
    for ref in refs:
        label, node_id = resolved[ref.name]
        row = rows.get(node_id)
        if row is None:
            rows[node_id] = NodeRow(label, node_id, {
                "id": node_id, "name": ref.name, "name_key": ref.key,
                "surname_key": surname_key(label, ref.name),
                "aliases": sorted({ref.name, *ref.aliases}), "description": ref.description})
        else:
            row.props["aliases"] = sorted({*row.props["aliases"], ref.name, *ref.aliases})
    return list(rows.values())


def write_entities(driver: Driver, database: str, refs: Iterable[EntityRef], *,
                   source: str, actor: str | None = None) -> LoadResult:
    """Merge the entities, ``BATCH`` a transaction; return what was created and merged."""
    refs = list(refs)
    total = LoadResult("")
    for i in range(0, len(refs), BATCH):
        chunk = refs[i:i + BATCH]

        def work(tx: ManagedTransaction, chunk: list[EntityRef] = chunk) -> LoadResult:
            record = tx.run(RESOLVE, resolve_params(chunk, [])).single()
            resolved, candidates = apply_resolution(chunk, Known.of(record))
            rows = _rows(chunk, resolved)
            plan = Plan(publication=rows[0], nodes=rows[1:], candidates=candidates)
            params = plan_params(plan, uuid.uuid4().hex)
            result = count_result(plan, params, tx.run(write_statement().text, params).single())
            if actor is not None and result.changed:
                tx.run(RECORD, event_params(
                    actor=actor, role="cli", action="loadEntities",
                    entity_ids=[r.id for r in rows], before_ids=[], after_ids=[],
                    input={"source": source, "created": dict(result.created)})).consume()
            return result

        with driver.session(database=database) as session:
            done = session.execute_write(work)
        total.created.update(done.created)
        total.merged.update(done.merged)
    return total
