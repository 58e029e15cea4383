"""Mutations, for editors. Every claim goes through kb/store/write.py with its citation.

Each mutation builds a Report (or cited links) from its arguments, the write
layer checks every quote against the stored text, and the audit event is
written in the same transaction: a refused write leaves no trace at all.
The result is read back with the client's selection (one more statement).
"""

from __future__ import annotations

import asyncio
import dataclasses
from enum import Enum
from typing import Any

import strawberry
from neo4j import AsyncManagedTransaction
from strawberry.scalars import JSON

from kb.api.auth import require
from kb.api.context import Info
from kb.api.cypher.roots import node_statement
from kb.api.ids import decode_id
from kb.api.inputs import CitationInput, PublicationInput, entity_context, report_base
from kb.api.lists import fetch, selections
from kb.api.types import Allegation, Citation, Organisation, Person, Publication, Response
from kb.errors import CitationRequired, InvalidInput
from kb.model.identity import make_id
from kb.model.plan import RESPONSE_LABELS, NodeRow, Plan
from kb.model.report import STATUSES, parse_report
from kb.store import audit_log
from kb.store.links import (
    Link,
    create_entity_async,
    create_publication_async,
    write_links_async,
)
from kb.store.retract import retract_async
from kb.store.tokens import Principal
from kb.store.write import AfterWrite, LoadResult, write_report_async


@strawberry.enum
class ResponseType(Enum):
    DENIAL = "denial"
    ADMISSION = "admission"
    APOLOGY = "apology"
    NO_COMMENT = "no_comment"
    DOES_NOT_RECALL = "does_not_recall"


@strawberry.input
class AllegationInput:
    accused: list[strawberry.ID]
    summary: str
    citation: CitationInput
    accusers: list[strawberry.ID] = strawberry.field(default_factory=list)
    accuser_description: str | None = None
    reported_by: list[strawberry.ID] = strawberry.field(default_factory=list)
    categories: list[str] = strawberry.field(default_factory=list)
    status: str = "alleged"


@strawberry.input
class ResponseInput:
    type: ResponseType
    responder: strawberry.ID
    citation: CitationInput
    on_behalf_of: strawberry.ID | None = None
    allegations: list[strawberry.ID] = strawberry.field(default_factory=list)
    kind: str | None = None
    summary: str = ""


@strawberry.input
class AffiliationInput:
    person: strawberry.ID
    organisation: strawberry.ID
    citation: CitationInput
    role: str | None = None


@strawberry.type
class IngestResult:
    publication: Publication
    created: JSON
    merged: JSON
    warnings: list[str]


@dataclasses.dataclass
class Written:
    """What the write's own transaction saw, for the result and the audit event."""

    plan: Plan | None = None


def audited(who: Principal, action: str, args: dict[str, Any], referenced: list[str],
            written: Written) -> AfterWrite:
    """The audit event, appended inside the mutation's write transaction."""

    async def hook(tx: AsyncManagedTransaction, loaded: LoadResult, plan: Plan) -> None:
        written.plan = plan
        after = [plan.publication.id, *(n.id for n in plan.nodes), *(r.id for r in plan.rels),
                 *(c.id for c in plan.citations)]
        await audit_log.record(tx, actor=who.name, role=who.role, action=action,
                               entity_ids=[*referenced, *after], before_ids=referenced,
                               after_ids=after, input=args)

    return hook


async def read_back(info: Info, type_name: str, db_id: str,
                    sub: list[Any] | None = None) -> Any:
    record = await fetch(info, node_statement(type_name, db_id,
                                              selections(info) if sub is None else sub),
                         raw=False)  # may be nested in a result object: converted now
    if record is None:  # written in this request's transaction, so this is a bug
        raise RuntimeError(f"{type_name} {db_id} is not readable after its write")
    return record["item"]


def _ids(values: list[strawberry.ID], allowed: tuple[str, ...], field: str) -> list[str]:
    return [decode_id(str(v), allowed=allowed, field=f"{field}[{i}]")[1]
            for i, v in enumerate(values)]


def _cite(c: CitationInput, where: str) -> tuple[str, dict[str, Any]]:
    if not c.quote:
        raise CitationRequired(f"{where}.quote is empty: a claim needs an exact quote",
                               field=f"{where}.quote")
    _, pub_id = decode_id(str(c.publication), allowed=("Publication",),
                          field=f"{where}.publication")
    return pub_id, {"quote": c.quote, "start": c.start, "method": "api"}


@strawberry.type(description="What a retraction changed (nothing is deleted).")
class RetractionResult:
    publication: Publication
    already_retracted: bool = strawberry.field(description=(
        "It was retracted before: nothing changed and no event was recorded."))
    unsupported_relationships: list[str] = strawberry.field(description=(
        "Relationships left with no live citation, now `unsupported`."))
    unsupported_claims: list[str] = strawberry.field(description=(
        "Allegations and responses all of whose relationships are now unsupported."))


@strawberry.type
class Mutation:
    @strawberry.mutation(description=(
        "Retract a publication (admin only): flag it with the reason, mark the relationships "
        "and claims that rested only on it `unsupported` (hidden from default reads), and "
        "record the event, all in one transaction. Nothing is deleted."))
    async def retract_publication(self, info: Info, publication: strawberry.ID,
                                  reason: str) -> RetractionResult:
        who = await require(info, "admin")
        _, pub_id = decode_id(str(publication), allowed=("Publication",), field="publication")
        if not reason.strip():
            raise InvalidInput("a retraction needs a reason", field="reason")
        done = await retract_async(info.context.driver, info.context.database, pub_id, reason,
                                   actor=who.name, role=who.role)
        sub = [s for f in selections(info) if getattr(f, "name", "") == "publication"
               for s in f.selections]
        return RetractionResult(
            publication=await read_back(info, "Publication", done.publication_id, sub),
            already_retracted=done.already,
            unsupported_relationships=sorted(done.unsupported_relationships),
            unsupported_claims=sorted(done.unsupported_claims))

    @strawberry.mutation(description="A person (no claim, so no citation). Same name: same node.")
    async def create_person(self, info: Info, name: str, aliases: list[str] | None = None,
                            description: str | None = None) -> Person:
        return await _create_entity(info, "Person", name, aliases or [], description)  # type: ignore[no-any-return]

    @strawberry.mutation(description="An organisation (no claim, so no citation).")
    async def create_organisation(self, info: Info, name: str, aliases: list[str] | None = None,
                                  description: str | None = None) -> Organisation:
        return await _create_entity(info, "Organisation", name, aliases or [], description)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Store a publication's text (hashed, immutable).")
    async def create_publication(self, info: Info, input: PublicationInput) -> Publication:
        who = await require(info, "editor")
        report, text = parse_report(report_base(input))
        written = Written()
        args = {**dataclasses.asdict(input), "text": f"<{len(input.text)} characters>"}
        pub_id, _ = await create_publication_async(
            info.context.driver, info.context.database, report, text,
            after_write=audited(who, "createPublication", args, [], written))
        return await read_back(info, "Publication", pub_id)  # type: ignore[no-any-return]

    @strawberry.mutation(description="An allegation, cited by a quote in a stored publication.")
    async def record_allegation(self, info: Info, input: AllegationInput) -> Allegation:
        who = await require(info, "editor")
        pub_id, cited = _cite(input.citation, "input.citation")
        if input.status not in STATUSES:
            raise InvalidInput(f"status must be one of {', '.join(STATUSES)}",
                               field="input.status")
        accusers = _ids(input.accusers, ("Entity",), "input.accusers")
        accused = _ids(input.accused, ("Entity",), "input.accused")
        outlets = _ids(input.reported_by, ("Organisation",), "input.reportedBy")
        if not accused:
            raise InvalidInput("an allegation is against someone", field="input.accused")
        data, names = await entity_context(info, pub_id, [*accusers, *accused, *outlets])
        data["allegations"] = [{
            "accusers": [names[i] for i in accusers], "accused": [names[i] for i in accused],
            "reported_by": [names[i] for i in outlets], "summary": input.summary,
            "categories": input.categories, "status": input.status,
            "accuser_description": input.accuser_description, **cited}]
        plan = await _write(info, who, "recordAllegation", data, dataclasses.asdict(input),
                            [pub_id, *accusers, *accused, *outlets])
        alg_id = next(n.id for n in plan.nodes if n.label == "Allegation")
        return await read_back(info, "Allegation", alg_id)  # type: ignore[no-any-return]

    @strawberry.mutation(description="A person's affiliation with an organisation, cited.")
    async def record_affiliation(self, info: Info, input: AffiliationInput) -> Person:
        who = await require(info, "editor")
        pub_id, cited = _cite(input.citation, "input.citation")
        _, person = decode_id(str(input.person), allowed=("Person",), field="input.person")
        _, org = decode_id(str(input.organisation), allowed=("Organisation",),
                           field="input.organisation")
        data, names = await entity_context(info, pub_id, [person, org])
        data["relations"] = [{"kind": "affiliation", "person": names[person],
                              "organisation": names[org], "role": input.role, **cited}]
        await _write(info, who, "recordAffiliation", data, dataclasses.asdict(input),
                     [pub_id, person, org])
        return await read_back(info, "Person", person)  # type: ignore[no-any-return]

    @strawberry.mutation(description=(
        "A response (denial, admission, apology, no comment, does not recall) given by "
        "`responder`, optionally for someone else and to existing allegations, cited."))
    async def record_response(self, info: Info, input: ResponseInput) -> Response:
        who = await require(info, "editor")
        pub_id, cited = _cite(input.citation, "input.citation")
        issuer = decode_id(str(input.responder), allowed=("Entity",), field="input.responder")
        subject = issuer if input.on_behalf_of is None else decode_id(
            str(input.on_behalf_of), allowed=("Entity",), field="input.onBehalfOf")
        targets = sorted(set(_ids(input.allegations, ("Allegation",), "input.allegations")))
        rtype = input.type.value
        kind = input.kind if rtype == "denial" else None
        # The same id the report path gives the same response (kb/model/plan.py).
        resp_id = make_id("rsp", rtype, issuer[1], subject[1], *targets, kind)
        node = NodeRow("Response", resp_id, {"id": resp_id, "type": rtype, "kind": kind,
                                             "summary": input.summary or rtype,
                                             "review": "accepted"},
                       subtype=RESPONSE_LABELS[rtype])
        me = ("Response", resp_id)
        link = {"publication_id": pub_id, "quote": cited["quote"],
                "start_offset": cited["start"], "method": "api"}
        links = [Link("ISSUED", issuer, me, **link)]
        if subject != issuer:
            links.append(Link("ON_BEHALF_OF", me, subject, **link))
        links += [Link("RESPONDS_TO", me, ("Allegation", a), **link) for a in targets]
        args = {**dataclasses.asdict(input), "type": rtype}
        await write_links_async(
            info.context.driver, info.context.database, links, nodes=[node],
            created_by=f"api:{who.name}",
            after_write=audited(who, "recordResponse", args,
                                [pub_id, issuer[1], subject[1], *targets], Written()))
        return await read_back(info, RESPONSE_LABELS[rtype], resp_id)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Add a citation to an existing relationship (by its "
                                     "`relationshipId`, as edges show it).")
    async def add_citation(self, info: Info, relationship_id: str,
                           citation: CitationInput) -> Citation:
        who = await require(info, "editor")
        pub_id, cited = _cite(citation, "citation")
        link = Link("", ("", ""), ("", ""), pub_id, cited["quote"], cited["start"],
                    rel_id=relationship_id, method="api")
        written = Written()
        args = {"relationship_id": relationship_id, "citation": dataclasses.asdict(citation)}
        _, plan = await write_links_async(
            info.context.driver, info.context.database, [link], created_by=f"api:{who.name}",
            after_write=audited(who, "addCitation", args, [relationship_id, pub_id], written))
        return await read_back(info, "Citation", plan.citations[0].id)  # type: ignore[no-any-return]

    @strawberry.mutation(description="Load a sourced report (the format of `kb load`).")
    async def ingest_report(self, info: Info, report: JSON) -> IngestResult:
        who = await require(info, "editor")
        # Validation is CPU work that grows with the report: off the event loop.
        parsed, text = await asyncio.to_thread(parse_report, report)
        written = Written()
        args = _without_text(report)
        loaded = await write_report_async(
            info.context.driver, info.context.database, parsed, text,
            created_by=f"api:{who.name}",
            after_write=audited(who, "ingestReport", args, [], written))
        sub = [s for f in selections(info) if getattr(f, "name", "") == "publication"
               for s in f.selections]
        publication = await read_back(info, "Publication", loaded.publication_id, sub)
        return IngestResult(publication=publication, created=JSON(dict(loaded.created)),
                            merged=JSON(dict(loaded.merged)), warnings=loaded.warnings)


def _without_text(report: Any) -> Any:
    """The report for the audit log, without its (long, already stored) text."""
    if isinstance(report, dict) and isinstance(report.get("publication"), dict):
        pub = dict(report["publication"])
        if isinstance(pub.get("text"), str):
            pub["text"] = f"<{len(pub['text'])} characters>"
        return {**report, "publication": pub}
    return report


async def _create_entity(info: Info, label: str, name: str, aliases: list[str],
                         description: str | None) -> Any:
    who = await require(info, "editor")
    from pydantic import ValidationError

    from kb.model.report import EntityIn

    try:
        entity = EntityIn(name=name, aliases=aliases, description=description)
    except ValidationError as exc:
        from kb.model.report import describe

        raise InvalidInput(describe(exc)) from None
    args = {"name": name, "aliases": aliases, "description": description}
    node_id, _ = await create_entity_async(
        info.context.driver, info.context.database, label, entity.name,
        aliases=entity.aliases, description=entity.description,
        after_write=audited(who, f"create{label}", args, [], Written()))
    return await read_back(info, label, node_id)


async def _write(info: Info, who: Principal, action: str, data: dict[str, Any],
                 args: dict[str, Any], referenced: list[str]) -> Plan:
    report, text = parse_report(data)
    written = Written()
    await write_report_async(info.context.driver, info.context.database, report, text,
                             created_by=f"api:{who.name}",
                             after_write=audited(who, action, args, referenced, written))
    assert written.plan is not None
    return written.plan
