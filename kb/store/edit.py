"""Editing a claim (``kb review edit``, ``editClaim``): the corrected claim, cited by the
same quote, is written as a person's (accepted), and the claim as read is rejected
("edited"), so re-extracting the article cannot bring the wrong reading back.

An allegation's accuser, accused and category and a response's denier can change; the
quote must still be found at its place in the publication's text (the write layer
checks it again before anything is written).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from kb.errors import InvalidInput, NotFound
from kb.model.identity import make_id, org_key, person_key
from kb.model.plan import RESPONSE_LABELS, EntityRef, NodeRow
from kb.store.claims import Decision, decide_steps, find_claim_steps
from kb.store.cypher import write_statement
from kb.store.links import Link, _link_plan
from kb.store.retract import Steps
from kb.store.status import REFRESH, refresh_params
from kb.store.write import PreparedReport, check_citations, count_result, plan_params


@dataclass
class Changes:
    """Names or ids; None leaves a part as it is."""

    accuser: str | None = None
    accused: str | None = None
    denier: str | None = None
    category: str | None = None

    def empty(self) -> bool:
        return not any((self.accuser, self.accused, self.denier, self.category))


@dataclass
class Edit:
    old_id: str
    new_id: str
    decision: Decision


_ENTITY = ("{id: x.id, name: x.name, "
           "label: CASE WHEN x:Person THEN 'Person' ELSE 'Organisation' END}")

ALLEGATION = f"""
MATCH (n:Allegation {{id: $id}})
RETURN n {{.summary, .categories, .status, .accuser_description}} AS claim,
  COLLECT {{ MATCH (x)-[:ACCUSES]->(n) RETURN {_ENTITY} }} AS accusers,
  COLLECT {{ MATCH (n)-[:AGAINST]->(x) RETURN {_ENTITY} }} AS accused,
  COLLECT {{ MATCH (n)-[:REPORTED_BY]->(x) RETURN {_ENTITY} }} AS outlets,
  COLLECT {{ MATCH (p:Publication)-[r:REPORTS]->(n) UNWIND r.citation_ids AS cid
            MATCH (c:Citation {{id: cid}})
            RETURN {{quote: c.quote, start: c.start,
                    status: COLLECT {{ MATCH (se:StatusEvent {{allegation_id: n.id,
                                      citation_id: c.id}}) RETURN se.status }}[0],
                    publication: p {{.id, .title, .outlet,
                    .url, .published, .retrieved, .authors, .text}}}}
            ORDER BY c.confidence, c.id LIMIT 1 }}[0] AS cited
"""

RESPONSE = f"""
MATCH (n:Response {{id: $id}})
RETURN n {{.type, .kind, .summary}} AS claim,
  COLLECT {{ MATCH (x)-[:ISSUED]->(n) RETURN {_ENTITY} }}[0] AS issuer,
  COLLECT {{ MATCH (n)-[:ON_BEHALF_OF]->(x) RETURN {_ENTITY} }}[0] AS party,
  COLLECT {{ MATCH (n)-[:RESPONDS_TO]->(a:Allegation) RETURN a.id }} AS targets,
  COLLECT {{ MATCH (x)-[r:ISSUED]->(n) UNWIND r.citation_ids AS cid
            MATCH (c:Citation {{id: cid}})-[:QUOTES]->(p:Publication)
            RETURN {{quote: c.quote, start: c.start, publication_id: p.id, text: p.text,
                    published: p.published}}
            ORDER BY c.confidence, c.id LIMIT 1 }}[0] AS cited
"""

# A person or organisation by id or by name; a merged one stands for the one it joined.
ENTITY = """
CALL () {
  MATCH (x:Person {id: $raw}) RETURN x
  UNION MATCH (x:Organisation {id: $raw}) RETURN x
  UNION MATCH (x:Person {name_key: $person}) RETURN x
  UNION MATCH (x:Organisation {name_key: $org}) RETURN x
}
OPTIONAL MATCH (kept {id: x.merged_into}) WHERE kept:Person OR kept:Organisation
WITH coalesce(kept, x) AS x
RETURN """ + _ENTITY + """ AS entity ORDER BY entity.label DESC LIMIT 1
"""


def entity_steps(value: str) -> Steps[dict[str, Any] | None]:
    rows = yield ENTITY, {"raw": value, "person": person_key(value), "org": org_key(value)}
    return dict(rows[0]["entity"]) if rows else None


def edit_steps(claim_id: str, changes: Changes, *, actor: str, role: str) -> Steps[Edit]:
    """Write the corrected claim, reject the one as read, log both: one transaction."""
    if changes.empty():
        raise InvalidInput("nothing to change: give an accuser, accused, denier or category")
    claim = yield from find_claim_steps(claim_id)
    if claim.label == "Allegation":
        if changes.denier:
            raise InvalidInput("an allegation has no denier; edit its response", field="denier")
        new_id = yield from _edit_allegation(claim_id, changes, actor)
    elif claim.label == "Response":
        if changes.accuser or changes.accused or changes.category:
            raise InvalidInput("a response's only editable part is its denier", field="denier")
        new_id = yield from _edit_response(claim_id, changes, actor)
    else:
        raise InvalidInput(f"a {claim.label} relation cannot be edited; reject it instead")
    if new_id == claim_id:
        raise InvalidInput("the edit changes nothing: it is the same claim")
    decision = yield from decide_steps(
        claim_id, "rejected", reason=f"edited: replaced by {new_id}", actor=actor, role=role,
        action="editClaim", note={"replaced_by": new_id, "changes": vars(changes)},
        after=[new_id])
    return Edit(claim_id, new_id, decision)


def _named(entity: dict[str, Any], people: list[str], orgs: list[str]) -> str:
    (people if entity["label"] == "Person" else orgs).append(entity["name"])
    return str(entity["name"])


def _resolve(value: str, where: str) -> Steps[dict[str, Any]]:
    found = yield from entity_steps(value)
    if found is not None:
        return found
    if value.startswith(("per_", "org_")):
        raise NotFound(f"{where}: no person or organisation with id {value!r}")
    return {"id": None, "name": value.strip(), "label": "Person"}  # a new person


def _edit_allegation(claim_id: str, changes: Changes, actor: str) -> Steps[str]:
    from loaders.reports import parse_report

    rows = yield ALLEGATION, {"id": claim_id}
    row = rows[0]
    cited = row["cited"]
    if cited is None:
        raise NotFound(f"allegation {claim_id} has no citation from a publication to edit")
    people: list[str] = []
    orgs: list[str] = []
    accusers = [e for e in row["accusers"]]
    accused = [e for e in row["accused"]]
    if changes.accuser:
        accusers = [(yield from _resolve(changes.accuser, "accuser"))]
    if changes.accused:
        accused = [(yield from _resolve(changes.accused, "accused"))]
    claim = row["claim"]
    pub = dict(cited["publication"])
    text = pub.pop("text")
    pub.pop("id")
    pub = {k: (v.to_native() if hasattr(v, "to_native") else v) for k, v in pub.items()
           if v not in (None, [])}
    item = {
        "accusers": [_named(e, people, orgs) for e in accusers],
        "accused": [_named(e, people, orgs) for e in accused],
        "reported_by": [_named(e, people, orgs) for e in row["outlets"]],
        "summary": claim["summary"], "status": cited["status"] or "alleged",
        "categories": [changes.category] if changes.category else claim["categories"],
        "accuser_description": claim["accuser_description"],
        "quote": cited["quote"], "start": cited["start"], "method": "edit",
    }
    report, text = parse_report({
        "publication": {**pub, "text": text},
        "people": sorted(set(people)), "organisations": sorted(set(orgs)),
        "allegations": [{k: v for k, v in item.items() if v not in (None, [])}]})
    prepared = PreparedReport.of(report, text, f"review:{actor}", 0.0)
    query, params = prepared.resolve_query()
    record = (yield query, params)[0]
    plan, statement, write_params = prepared.write_query(record)
    count_result(plan, write_params, (yield statement, write_params)[0])
    yield REFRESH, refresh_params(plan)
    return next(n.id for n in plan.nodes if n.label == "Allegation")


def _edit_response(claim_id: str, changes: Changes, actor: str) -> Steps[str]:
    rows = yield RESPONSE, {"id": claim_id}
    row = rows[0]
    cited, claim = row["cited"], row["claim"]
    if cited is None or row["issuer"] is None:
        raise NotFound(f"response {claim_id} has no cited speaker to edit")
    assert changes.denier is not None
    party = yield from _resolve(changes.denier, "denier")
    nodes: list[NodeRow] = []
    if party["id"] is None:  # a new person: created with the claim, as a report would
        ref = EntityRef("Person", party["name"], [], None)
        party["id"] = ref.default_id
        nodes.append(NodeRow("Person", ref.default_id, {
            "id": ref.default_id, "name": ref.name, "name_key": ref.key,
            "surname_key": ref.key.split()[-1], "aliases": [ref.name]}))
    spoke_for_self = row["party"] is None
    issuer = party if spoke_for_self else row["issuer"]
    targets = sorted(row["targets"])
    rtype, kind = claim["type"], claim["kind"]
    resp_id = make_id("rsp", rtype, issuer["id"], party["id"], *targets, kind)
    nodes.append(NodeRow("Response", resp_id, {
        "id": resp_id, "type": rtype, "kind": kind, "summary": claim["summary"],
        "review": "accepted"}, subtype=RESPONSE_LABELS[rtype]))
    me = ("Response", resp_id)
    cite = {"publication_id": cited["publication_id"], "quote": cited["quote"],
            "start_offset": cited["start"], "method": "edit"}
    links = [Link("ISSUED", (issuer["label"], issuer["id"]), me, **cite)]
    if issuer["id"] != party["id"]:
        links.append(Link("ON_BEHALF_OF", me, (party["label"], party["id"]), **cite))
    links += [Link("RESPONDS_TO", me, ("Allegation", a), **cite) for a in targets]
    texts = {cited["publication_id"]: cited["text"]}
    plan = _link_plan(links, nodes, texts, f"review:{actor}",
                      {cited["publication_id"]: cited["published"]})
    check_citations(plan, texts)
    params = plan_params(plan, uuid.uuid4().hex)
    count_result(plan, params, (yield write_statement().text, params)[0])
    return resp_id
