"""The write layer: the only path by which anything enters the graph.

``write_report`` validates quotes, resolves entities against the graph, builds
the plan and merges it in ONE write transaction, so a bad report writes
nothing. It refuses a relationship without a citation and re-checks every
citation against the publication text before the transaction commits.
``write_reports`` does the same for many reports in one transaction (the bulk
loader): resolution sees the graph plus the reports before it in the batch,
so the graph ends exactly as if they had been written one by one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import os
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction, Driver, ManagedTransaction

from kb.errors import (
    CitationRequired,
    PublicationConflict,
    QuoteNotFound,
)
from kb.model.graph import model
from kb.model.identity import make_id
from kb.model.plan import (
    EntityRef,
    Plan,
    build_plan,
    collect_entities,
    default_resolution,
)
from kb.model.report import Report
from kb.store.audit_log import event_params
from kb.store.cypher import write_statement
from kb.store.resolve import RESOLVE, Known, apply_resolution, resolve_params
from kb.store.status import REFRESH, refresh_params


@dataclass
class LoadResult:
    publication_id: str
    created: Counter[str] = field(default_factory=Counter)
    merged: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return sum(self.created.values()) > 0


RECORD_MANY = """
UNWIND $events AS ev
CREATE (e:AuditEvent) SET e = ev
"""


def _split(label: str, props: dict[str, Any], rel_type: str | None = None) -> dict[str, Any]:
    """Sort a row's properties by how the model says they merge."""
    spec = (model().rel(rel_type) if rel_type else model().node(label)).properties
    row: dict[str, Any] = {"first": {}, "union": {}, "earliest": {}, "review": {}}
    for name, value in props.items():
        how = spec[name].merge if name in spec else "first"
        if how == "first" and value is not None:
            row["first"][name] = value
        elif how != "first":
            row[how][name] = value
    return row


def _union(into: dict[str, Any], more: dict[str, Any]) -> None:
    for name, values in more.items():
        have = into.get(name) or []
        into[name] = have + [v for v in (values or []) if v not in have]


def _earliest(into: dict[str, Any], more: dict[str, Any]) -> None:
    for name, value in more.items():
        if value is not None and (into.get(name) is None or value < into[name]):
            into[name] = value


def _fold(rows: list[dict[str, Any]], row: dict[str, Any], index: dict[str, int]) -> None:
    """Add a row, or fold it into the row of the same id as a later write would merge it."""
    at = index.get(row["id"])
    if at is None:
        index[row["id"]] = len(rows)
        rows.append(row)
        return
    kept = rows[at]  # the first writer's `first` properties win, as ON CREATE does
    _union(kept.setdefault("union", {}), row.get("union", {}))
    _earliest(kept.setdefault("earliest", {}), row.get("earliest", {}))
    review = kept.setdefault("review", {})
    for name, state in row.get("review", {}).items():  # as the `review` merge rule does
        have = review.get(name)
        if have is None or (have == "unreviewed" and state == "accepted"):
            review[name] = state
    if "citation_ids" in row:
        _union(kept, {"citation_ids": row["citation_ids"]})


_LOAD_IDS = itertools.count()
_PROCESS: tuple[int, str] = (0, "")


def new_load_id() -> str:
    """An id no other load shares: random per process, then counted (one random draw per
    process, not per report: a bulk load asks for thousands)."""
    global _PROCESS
    if _PROCESS[0] != os.getpid():  # a forked worker draws its own
        _PROCESS = (os.getpid(), uuid.uuid4().hex[:20])
    return f"{_PROCESS[1]}{next(_LOAD_IDS):012x}"


@dataclass
class Batch:
    """The rows of several plans, one row per id, and each plan's own row counts."""

    rows: dict[str, list[dict[str, Any]]]
    own: list[Counter[str]]  # per plan: rows it has in each part


def plan_rows(plans: list[Plan]) -> Batch:
    statement = write_statement()
    rows: dict[str, list[dict[str, Any]]] = {p.param: [] for p in statement.parts}
    index: dict[str, dict[str, int]] = {p.param: {} for p in statement.parts}
    own: list[Counter[str]] = []
    for rep, plan in enumerate(plans):
        mine: Counter[str] = Counter()

        def put(param: str, row: dict[str, Any], rep: int = rep,
                mine: Counter[str] = mine) -> None:
            mine[param] += 1
            _fold(rows[param], {**row, "rep": rep}, index[param])

        for node in [plan.publication, *plan.nodes, *plan.candidates]:
            key = f"n_{node.label}_{node.subtype}" if node.subtype else f"n_{node.label}"
            put(key, {"id": node.id, **_split(node.label, {**node.props, "id": node.id})})
        for cit in plan.citations:
            put("citations", {"id": cit.id, "quotes_id": make_id("quo", cit.id),
                              "first": dict(vars(cit))})
        for rel in plan.rels:
            put(f"r_{rel.type}_{rel.start_label}_{rel.end_label}", {
                "id": rel.id, "start": rel.start_id, "end": rel.end_id,
                **_split("", rel.props, rel.type), "citation_ids": list(rel.citation_ids),
            })
        own.append(mine)
    return Batch(rows, own)


def plan_params(plan: Plan, load_id: str) -> dict[str, Any]:
    return batch_params(plan_rows([plan]), load_id)


def batch_params(batch: Batch, load_id: str) -> dict[str, Any]:
    return {"rows": batch.rows, "load_id": load_id, "now": dt.datetime.now(dt.UTC)}


def check_citations(plan: Plan, texts: dict[str, str]) -> None:
    """The citation contract, checked last before anything is written."""
    by_id = {c.id: c for c in plan.citations}
    for rel in plan.rels:
        if model().rel(rel.type).cited and not rel.citation_ids:
            raise CitationRequired(f"{rel.type} {rel.id} has no citation")
        for cit_id in rel.citation_ids:
            cit = by_id[cit_id]
            text = texts.get(cit.publication_id)
            if text is None or text[cit.start:cit.end] != cit.quote:
                raise QuoteNotFound(
                    f"citation {cit.id}: {cit.quote[:60]!r} is not at [{cit.start}, {cit.end}) "
                    f"of publication {cit.publication_id}"
                )


def count_results(plans: list[Plan], batch: Batch, record: Any) -> list[LoadResult]:
    """Each plan's created and merged counts, as if the plans had been written one by one.

    A row's first plan created it when the write did; every other occurrence merged.
    """
    results = [LoadResult(p.publication.id, warnings=list(p.warnings)) for p in plans]
    for i, part in enumerate(write_statement().parts):
        rows = len(batch.rows[part.param])
        touched, created = record[f"t{i}"], record[f"c{i}"]
        if touched != rows:
            # A MATCH found no endpoint: refuse rather than drop an edge silently.
            raise CitationRequired(
                f"{part.name}: {rows - touched} of {rows} rows lost an endpoint; nothing written"
            )
        made = Counter(created)
        for rep, result in enumerate(results):
            mine = batch.own[rep][part.param]
            if made[rep]:
                result.created[part.name] += made[rep]
            if mine - made[rep]:
                result.merged[part.name] += mine - made[rep]
    return results


def count_result(plan: Plan, params: dict[str, Any], record: Any) -> LoadResult:
    return count_results([plan], Batch(params["rows"], [Counter(
        {k: len(v) for k, v in params["rows"].items()})]), record)[0]


@dataclass
class PreparedReport:
    """A report ready to write: its entities, and the plan before resolution."""

    report: Report
    text: str
    refs: list[EntityRef]
    created_by: str
    review_threshold: float
    load_id: str
    pub_id: str
    sha256: str
    rows: int  # nodes, relationships and citations it writes (for batch sizing)
    probe: Plan | None = None  # the plan when every name is new or resolves to its own id

    @classmethod
    def of(cls, report: Report, text: str, created_by: str,
           review_threshold: float) -> PreparedReport:
        refs = collect_entities(report)
        # Built once without the graph: validates every quote before any I/O.
        probe = build_plan(report, text, default_resolution(refs), refs,
                           created_by=created_by, review_threshold=review_threshold)
        rows = 1 + len(probe.nodes) + len(probe.rels) + 2 * len(probe.citations)
        return cls(report, text, refs, created_by, review_threshold, new_load_id(),
                   probe.publication.id, probe.publication.props["sha256"], rows, probe)

    def resolve_query(self) -> tuple[str, dict[str, Any]]:
        return RESOLVE, resolve_params(self.refs, [self.pub_id])

    def plan(self, known: Known) -> Plan:
        """The checked plan, resolved against what the graph (and the batch before) holds."""
        stored_sha = known.pub_sha.get(self.pub_id)
        if stored_sha is not None and stored_sha != self.sha256:
            raise PublicationConflict(
                f"publication {self.report.publication.url or self.pub_id} is already stored "
                "with a different text; a correction is a new snapshot, not a reload"
            )
        resolved, merge_candidates = apply_resolution(self.refs, known)
        if (self.probe is not None and not merge_candidates and not known.merged
                and resolved == default_resolution(self.refs)):
            # Ids are hashes of names: most names resolve to the ids the probe already used.
            plan = self.probe
        else:
            plan = build_plan(self.report, self.text, resolved, self.refs,
                              created_by=self.created_by, review_threshold=self.review_threshold,
                              redirect=known.merged)
            plan.candidates += merge_candidates
        check_citations(plan, {self.pub_id: self.text})
        return plan

    def write_query(self, record: Any) -> tuple[Plan, str, dict[str, Any]]:
        """From the resolution record, the checked plan and the one write statement."""
        plan = self.plan(Known.of(record))
        return plan, write_statement().text, plan_params(plan, self.load_id)


def refresh_many(plans: list[Plan]) -> dict[str, Any]:
    """The allegations whose status the batch may change (their status events are new)."""
    return {"ids": sorted({aid for plan in plans for aid in refresh_params(plan)["ids"]})}


def resolve_many(prepared: list[PreparedReport]) -> tuple[str, dict[str, Any]]:
    refs = [r for p in prepared for r in p.refs]
    return RESOLVE, resolve_params(refs, [p.pub_id for p in prepared])


def write_reports(
    driver: Driver, database: str, prepared: list[PreparedReport], *,
    actor: str | None = None,
) -> list[LoadResult]:
    """Write several prepared reports in ONE transaction: all of them or none.

    One read resolves every name of the batch; the merge is one statement for one
    report, or one per part (label, relationship type) that has rows for many, in
    the model's order. With an ``actor``, each report that changed the graph is
    recorded in the audit log, in the same transaction (one more statement).
    """
    load_id = new_load_id()

    def work(tx: ManagedTransaction) -> list[LoadResult]:
        query, params = resolve_many(prepared)
        known = Known.of(tx.run(query, params).single())
        plans = []
        for report in prepared:
            plan = report.plan(known)
            known.add(plan)
            plans.append(plan)
        batch = plan_rows(plans)
        params = batch_params(batch, load_id)
        statement = write_statement()
        if len(plans) == 1:  # one report: one round trip
            return finish(tx, plans, batch, tx.run(statement.text, params).single())
        record: dict[str, Any] = {}
        for i, (part, text) in enumerate(zip(statement.parts, statement.part_texts,
                                             strict=True)):
            rows = batch.rows[part.param]
            if rows:  # in the model's order: nodes before the edges that match them
                one = tx.run(text, {**params, "rows": {part.param: rows}}).single(strict=True)
                record.update({f"t{i}": one[f"t{i}"], f"c{i}": one[f"c{i}"]})
            else:
                record.update({f"t{i}": 0, f"c{i}": []})
        return finish(tx, plans, batch, record)

    def finish(tx: ManagedTransaction, plans: list[Plan], batch: Batch,
               record: Any) -> list[LoadResult]:
        results = count_results(plans, batch, record)
        tx.run(REFRESH, refresh_many(plans)).consume()
        if actor is not None:
            events = [event_params(
                actor=actor, role="cli", action="loadReport", entity_ids=[p.pub_id],
                before_ids=[], after_ids=[],
                input={"source": p.created_by, "created": dict(r.created)})
                for p, r in zip(prepared, results, strict=True) if r.changed]
            if events:
                tx.run(RECORD_MANY, events=events).consume()
        return results

    with driver.session(database=database) as session:
        return session.execute_write(work)


def write_report(
    driver: Driver, database: str, report: Report, text: str, *,
    created_by: str, review_threshold: float = 0.0, actor: str | None = None,
) -> LoadResult:
    """Load one report in one write transaction (two statements: resolve, merge).

    With an ``actor``, a load that changed the graph is also recorded in the
    audit log, in the same transaction.
    """
    prepared = PreparedReport.of(report, text, created_by, review_threshold)
    return write_reports(driver, database, [prepared], actor=actor)[0]


# Runs inside a write's own transaction after the write (the API's audit log).
AfterWrite = Callable[[AsyncManagedTransaction, LoadResult, Plan], Awaitable[None]]


async def write_report_async(
    driver: AsyncDriver, database: str, report: Report, text: str, *,
    created_by: str, review_threshold: float = 0.0, after_write: AfterWrite | None = None,
) -> LoadResult:
    """The same, for the API's async driver.

    Building and checking the plan is CPU work (quotes located, names resolved):
    it runs in a worker thread so a large report never blocks the event loop.
    """
    prepared = await asyncio.to_thread(
        PreparedReport.of, report, text, created_by, review_threshold)

    async def work(tx: AsyncManagedTransaction) -> LoadResult:
        query, params = prepared.resolve_query()
        record = await (await tx.run(query, params)).single()
        plan, statement, write_params = await asyncio.to_thread(prepared.write_query, record)
        result = await (await tx.run(statement, write_params)).single()
        loaded = count_result(plan, write_params, result)
        await (await tx.run(REFRESH, refresh_params(plan))).consume()
        if after_write is not None:
            await after_write(tx, loaded, plan)
        return loaded

    async with driver.session(database=database) as session:
        return await session.execute_write(work)


async def run_plan(tx: AsyncManagedTransaction, plan: Plan, load_id: str) -> LoadResult:
    params = plan_params(plan, load_id)
    record = await (await tx.run(write_statement().text, params)).single()
    loaded = count_result(plan, params, record)
    await (await tx.run(REFRESH, refresh_params(plan))).consume()
    return loaded
