"""The write layer: the only path by which anything enters the graph.

``write_report`` validates quotes, resolves entities against the graph, builds
the plan and merges it in ONE write transaction, so a bad report writes
nothing. It refuses a relationship without a citation and re-checks every
citation against the publication text before the transaction commits.
"""

from __future__ import annotations

import datetime as dt
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
    NodeRow,
    Plan,
    build_plan,
    collect_entities,
    default_resolution,
)
from kb.model.report import Report
from kb.store.audit_log import RECORD, event_params
from kb.store.cypher import write_statement
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


RESOLVE = """
CALL () { UNWIND $person_keys AS k MATCH (n:Person {name_key: k})
       RETURN collect([k, n.id, n.merged_into]) AS person_exact }
CALL () { UNWIND $surnames AS k MATCH (n:Person {surname_key: k})
       WHERE n.name_key <> k AND n.merged_into IS NULL
       RETURN collect([k, n.id]) AS person_surname }
CALL () { UNWIND $org_keys AS k MATCH (n:Organisation {name_key: k})
       RETURN collect([k, n.id, n.merged_into]) AS org_exact }
OPTIONAL MATCH (p:Publication {id: $pub_id})
RETURN person_exact, person_surname, org_exact, p.sha256 AS sha256
"""


def resolve_params(refs: list[EntityRef], pub_id: str) -> dict[str, Any]:
    people = [r for r in refs if r.label == "Person"]
    return {
        "person_keys": sorted({r.key for r in people}),
        "surnames": sorted({r.key for r in people if len(r.key.split()) == 1}),
        "org_keys": sorted({r.key for r in refs if r.label == "Organisation"}),
        "pub_id": pub_id,
    }


def merged_into(record: Any) -> dict[str, str]:
    """Entities of the resolution that were merged into another (kb merge)."""
    return {row[1]: row[2] for key in ("person_exact", "org_exact") for row in record[key]
            if len(row) > 2 and row[2]}


def apply_resolution(
    refs: list[EntityRef], record: Any
) -> tuple[dict[str, tuple[str, str]], list[NodeRow]]:
    """Match the report's entities to nodes already in the graph.

    A full name matches its normalised key. A bare surname joins the one person
    it fits; when it fits several, it stays its own node and a merge candidate
    is recorded for each, because a wrong merge is worse than a missed one.
    """
    exact = {("Person", row[0]): row[1] for row in record["person_exact"]}
    exact.update({("Organisation", row[0]): row[1] for row in record["org_exact"]})
    surname: dict[str, list[str]] = {}
    for k, node_id in record["person_surname"]:
        surname.setdefault(k, []).append(node_id)

    resolved = default_resolution(refs)
    candidates: list[NodeRow] = []
    for ref in refs:
        node_id = exact.get((ref.label, ref.key))
        fits = sorted(set(surname.get(ref.key, []))) if ref.label == "Person" else []
        if node_id is None and len(fits) == 1:
            node_id = fits[0]
        elif node_id is None and len(fits) > 1:
            for other in fits:
                left, right = sorted([ref.default_id, other])
                candidates.append(NodeRow("MergeCandidate", make_id("mrg", left, right), {
                    "left_id": left, "right_id": right, "status": "open",
                    "reason": f"the bare name {ref.name!r} fits more than one person",
                }))
        if node_id is not None:
            for name in (ref.name, *ref.aliases):
                resolved[name] = (ref.label, node_id)
    return resolved, candidates


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


def plan_params(plan: Plan, load_id: str) -> dict[str, Any]:
    statement = write_statement()
    rows: dict[str, list[dict[str, Any]]] = {p.param: [] for p in statement.parts}
    for node in [plan.publication, *plan.nodes, *plan.candidates]:
        key = f"n_{node.label}_{node.subtype}" if node.subtype else f"n_{node.label}"
        rows[key].append({"id": node.id, **_split(node.label, {**node.props, "id": node.id})})
    for cit in plan.citations:
        first = {k: v for k, v in vars(cit).items()}
        rows["citations"].append({"id": cit.id, "quotes_id": make_id("quo", cit.id),
                                    "first": first})
    for rel in plan.rels:
        rows[f"r_{rel.type}_{rel.start_label}_{rel.end_label}"].append({
            "id": rel.id, "start": rel.start_id, "end": rel.end_id,
            **_split("", rel.props, rel.type), "citation_ids": rel.citation_ids,
        })
    return {"rows": rows, "load_id": load_id, "now": dt.datetime.now(dt.UTC)}


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


def count_result(plan: Plan, params: dict[str, Any], record: Any) -> LoadResult:
    result = LoadResult(plan.publication.id, warnings=list(plan.warnings))
    for i, part in enumerate(write_statement().parts):
        rows = len(params["rows"][part.param])
        touched, created = record[f"t{i}"], record[f"c{i}"]
        if touched != rows:
            # A MATCH found no endpoint: refuse rather than drop an edge silently.
            raise CitationRequired(
                f"{part.name}: {rows - touched} of {rows} rows lost an endpoint; nothing written"
            )
        if created:
            result.created[part.name] += created
        if touched - created:
            result.merged[part.name] += touched - created
    return result


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

    @classmethod
    def of(cls, report: Report, text: str, created_by: str,
           review_threshold: float) -> PreparedReport:
        refs = collect_entities(report)
        # Built once without the graph: validates every quote before any I/O.
        probe = build_plan(report, text, default_resolution(refs), refs,
                           created_by=created_by, review_threshold=review_threshold)
        return cls(report, text, refs, created_by, review_threshold, uuid.uuid4().hex,
                   probe.publication.id, probe.publication.props["sha256"])

    def resolve_query(self) -> tuple[str, dict[str, Any]]:
        return RESOLVE, resolve_params(self.refs, self.pub_id)

    def write_query(self, record: Any) -> tuple[Plan, str, dict[str, Any]]:
        """From the resolution record, the checked plan and the one write statement."""
        stored_sha = record["sha256"]
        if stored_sha is not None and stored_sha != self.sha256:
            raise PublicationConflict(
                f"publication {self.report.publication.url or self.pub_id} is already stored "
                "with a different text; a correction is a new snapshot, not a reload"
            )
        resolved, merge_candidates = apply_resolution(self.refs, record)
        plan = build_plan(self.report, self.text, resolved, self.refs,
                          created_by=self.created_by, review_threshold=self.review_threshold,
                          redirect=merged_into(record))
        plan.candidates += merge_candidates
        check_citations(plan, {self.pub_id: self.text})
        return plan, write_statement().text, plan_params(plan, self.load_id)


def write_report(
    driver: Driver, database: str, report: Report, text: str, *,
    created_by: str, review_threshold: float = 0.0, actor: str | None = None,
) -> LoadResult:
    """Load one report in one write transaction (two statements: resolve, merge).

    With an ``actor``, a load that changed the graph is also recorded in the
    audit log, in the same transaction.
    """
    prepared = PreparedReport.of(report, text, created_by, review_threshold)

    def work(tx: ManagedTransaction) -> LoadResult:
        query, params = prepared.resolve_query()
        plan, statement, write_params = prepared.write_query(tx.run(query, params).single())
        result = count_result(plan, write_params, tx.run(statement, write_params).single())
        tx.run(REFRESH, refresh_params(plan)).consume()
        if actor is not None and result.changed:
            tx.run(RECORD, event_params(
                actor=actor, role="cli", action="loadReport", entity_ids=[prepared.pub_id],
                before_ids=[], after_ids=[],
                input={"source": created_by, "created": dict(result.created)})).consume()
        return result

    with driver.session(database=database) as session:
        return session.execute_write(work)


# Runs inside a write's own transaction after the write (the API's audit log).
AfterWrite = Callable[[AsyncManagedTransaction, LoadResult, Plan], Awaitable[None]]


async def write_report_async(
    driver: AsyncDriver, database: str, report: Report, text: str, *,
    created_by: str, review_threshold: float = 0.0, after_write: AfterWrite | None = None,
) -> LoadResult:
    """The same, for the API's async driver."""
    prepared = PreparedReport.of(report, text, created_by, review_threshold)

    async def work(tx: AsyncManagedTransaction) -> LoadResult:
        query, params = prepared.resolve_query()
        record = await (await tx.run(query, params)).single()
        plan, statement, write_params = prepared.write_query(record)
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
