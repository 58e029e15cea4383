"""Root fields `audit` (admins) and `explain` (readers): the provenance side of the API.

`audit` runs the same statements and the same interpretation as `kb audit`
(kb/store/audit.py); `explain` compiles the provenance chain of one
relationship into one statement, as the `explain` field of every edge does.
"""

from __future__ import annotations

import strawberry

from kb.api.auth import require
from kb.api.context import Info
from kb.api.cypher.roots import explain_statement
from kb.api.lists import fetch, selections
from kb.api.types import Provenance
from kb.store.audit import AuditReport, Finding, audit_statements, run_audit_async


@strawberry.type(description="How many of one label or relationship type.")
class Count:
    name: str
    count: int


@strawberry.type
class AuditTotals:
    nodes_by_label: list[Count]
    relationships_by_type: list[Count]
    citations: int
    publications: int
    retracted_publications: int


@strawberry.type(description="One finding: its kind, what it means, and the ids involved.")
class AuditFinding:
    kind: str
    message: str
    ids: list[str]


@strawberry.type(description="The provenance audit (the same as `kb audit`).")
class Audit:
    totals: AuditTotals
    violations: list[AuditFinding] = strawberry.field(description=(
        "Broken citation contract: must be empty."))
    warnings: list[AuditFinding] = strawberry.field(description=(
        "Thin evidence, retracted support, open review: for editors."))
    ok: bool = strawberry.field(description="No violations.")


def _findings(found: list[Finding]) -> list[AuditFinding]:
    return [AuditFinding(kind=f.kind, message=f.message, ids=list(f.ids)) for f in found]


def to_audit(report: AuditReport) -> Audit:
    totals = report.totals
    return Audit(
        totals=AuditTotals(
            nodes_by_label=[Count(name=k, count=v) for k, v in totals["nodes"].items()],
            relationships_by_type=[Count(name=k, count=v)
                                   for k, v in totals["relationships"].items()],
            citations=totals["citations"], publications=totals["publications"],
            retracted_publications=totals["retracted_publications"]),
        violations=_findings(report.violations), warnings=_findings(report.warnings),
        ok=not report.violations)


@strawberry.type
class ProvenanceQueries:
    @strawberry.field(description="The provenance audit of the whole graph. Admin only.")
    async def audit(self, info: Info) -> Audit:
        await require(info, "admin")
        info.context.db.statements += len(audit_statements())
        return to_audit(await run_audit_async(info.context.driver, info.context.database))

    @strawberry.field(description=(
        "The provenance chain of one relationship by its `relationshipId` (as edges show "
        "it), retracted or not; null when there is none."))
    async def explain(self, info: Info, relationship: strawberry.ID) -> Provenance | None:
        await require(info, "reader")
        record = await fetch(info, explain_statement(str(relationship), selections(info)))
        return record["item"] if record else None
