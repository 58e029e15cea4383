"""Editorial control over the API: the review queue, merge candidates, and editors'
decisions (accept, reject, edit a claim; merge, unmerge, mark distinct).

Every decision runs the same steps as the CLI (kb/store/claims.py, edit.py, merge.py)
in one write transaction that also appends the audit event.
"""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.types.nodes import Selection

from kb.api.auth import require
from kb.api.context import Info
from kb.api.cypher.compile import Compiler, flatten
from kb.api.ids import decode_id, encode_id
from kb.api.lists import selections
from kb.api.pages import MAX_PAGE, page_window
from kb.api.review_types import ReviewState
from kb.api.types import Entity, Node, Publication, Row
from kb.api.values import native
from kb.errors import InvalidInput, NotFound
from kb.store.claims import STATES, decide_async, decide_steps
from kb.store.edit import Changes, edit_steps
from kb.store.merge import (
    MergeResult,
    distinct_steps,
    merge_steps,
    resolve_steps,
    unmerge_steps,
)
from kb.store.review import claim_summary, queue_params, queue_statement, rule_of

CLAIM_PREFIXES = ("alg_", "rsp_", "rel_")


def _keyed(root: strawberry.Parent[Row], info: Info):  # type: ignore[no-untyped-def]
    return root.get(f"@{info.path.key}")


@strawberry.type(description=(
    "A claim waiting for (or given) a person's judgement: does it read its sentence right?"))
class ReviewItem:
    id: strawberry.ID = strawberry.field(description=(
        "The claim's global id (an allegation or response); a relation's relationship id."))
    kind: str = strawberry.field(description="allegation, denial, admission, ..., or the "
                                             "relation (affiliated_with, ...).")
    summary: str = strawberry.field(description="Who claims what of whom, in names.")
    sentence: str = strawberry.field(description="The cited quote.")
    context: str = strawberry.field(description="The quote with the text around it.")
    rule: str | None = strawberry.field(description="The extraction rule; null for a "
                                                    "person's claim.")
    confidence: float
    review_state: ReviewState
    publication: Publication | None = strawberry.field(resolver=_keyed)
    claim: Node | None = strawberry.field(resolver=_keyed, description=(
        "The allegation or response itself; null for a relation."))


@strawberry.type(description="Two entities that may be one; resolve it either way.")
class MergeCandidate:
    id: strawberry.ID
    left: Entity = strawberry.field(resolver=_keyed)
    right: Entity = strawberry.field(resolver=_keyed)
    reason: str


@strawberry.type(description="What a merge or an unmerge did.")
class EntityMergeResult:
    merge_id: str = strawberry.field(description="The merge record (EntityMerge).")
    kept: Entity = strawberry.field(resolver=_keyed)
    merged: Entity = strawberry.field(resolver=_keyed)
    moved_relationships: list[str]
    joined_relationships: list[str] = strawberry.field(description=(
        "Relationships of the merged entity whose citations joined the kept entity's same "
        "relationship."))


@strawberry.input(description="Names or ids; a part left out stays as it is.")
class EditClaimInput:
    accuser: str | None = None
    accused: str | None = None
    denier: str | None = None
    category: str | None = None


def claim_db_id(value: str, field: str = "id") -> str:
    """A claim's graph id from its global id, or a graph id given as it is."""
    if value.startswith(CLAIM_PREFIXES):
        return value
    return decode_id(value, allowed=("Allegation", "Response"), field=field)[1]


def _sub(info: Info, name: str) -> list[Selection]:
    return [s for f in flatten(selections(info)).values() if f.name == name
            for s in f.selections]


def _queue(info: Info, states: tuple[str, ...], first: int,
           ids: list[str] | None = None) -> tuple[str, dict[str, Any]]:
    """The queue statement with the client's `claim` and `publication` compiled in."""
    c = Compiler()
    calls: list[str] = []
    entries: list[str] = []
    for key, f in flatten(selections(info)).items():
        if f.name == "claim":
            sub, value = c.node_map("node", "Node", f.selections, typed=True)
            calls += sub
            entries.append(f"`@{key}`: CASE WHEN node IS NULL THEN null ELSE {value} END")
        elif f.name == "publication":
            sub, value = c.node_map("p", "Publication", f.selections)
            calls += sub
            entries.append(f"`@{key}`: {value}")
    params = {**queue_params(states, first, ids=ids), **c.params}
    return queue_statement(calls, entries), params


def _item(row: dict[str, Any]) -> dict[str, Any]:
    item = dict(row["item"])
    subtype = [lbl for lbl in item["labels"] if lbl not in ("Response",)]
    gid = encode_id(subtype[0], item["id"]) if subtype else item["id"]
    return {**item, "id": gid, "summary": claim_summary(item), "sentence": item["quote"],
            "context": f"{item['before']}{item['quote']}{item['after']}",
            "rule": rule_of(item["method"]), "review_state": item["review"]}


async def _read_item(info: Info, claim_id: str) -> dict[str, Any]:
    text, params = _queue(info, STATES, 1, [claim_id])
    rows = await info.context.db.read(text, params)
    if not rows:
        raise NotFound(f"no claim with id {claim_id!r}")
    return _item(rows[0])


@strawberry.type
class ReviewQueries:
    @strawberry.field(description=f"Unreviewed claims, least confident first; at most "
                                  f"{MAX_PAGE}. Editors and admins.")
    async def review_queue(self, info: Info, first: int | None = 50) -> list[ReviewItem]:
        await require(info, "editor")
        _, limit = page_window(first, None)
        text, params = _queue(info, ("unreviewed",), limit)
        rows = await info.context.db.read(text, params, raw=True)
        return [_item(r) for r in rows]  # type: ignore[misc]

    @strawberry.field(description=f"Open merge candidates; at most {MAX_PAGE}. Editors.")
    async def merge_candidates(self, info: Info, first: int | None = 50
                               ) -> list[MergeCandidate]:
        await require(info, "editor")
        _, limit = page_window(first, None)
        c = Compiler()
        calls: list[str] = []
        entries = ["id: m.id", "reason: m.reason"]
        for key, f in flatten(selections(info)).items():
            if f.name in ("left", "right"):
                var = "l" if f.name == "left" else "r"
                sub, value = c.node_map(var, "Entity", f.selections, typed=True)
                calls += sub
                entries.append(f"`@{key}`: {value}")
        side = ("CALL (m) {{ MATCH (x:Person {{id: m.{k}_id}}) RETURN x AS {v} UNION "
                "MATCH (x:Organisation {{id: m.{k}_id}}) RETURN x AS {v} }}")
        text = "\n".join([
            "MATCH (m:MergeCandidate {status: 'open'})",
            side.format(k="left", v="l"), side.format(k="right", v="r"),
            "WITH m, l, r WHERE l.merged_into IS NULL AND r.merged_into IS NULL",
            f"WITH m, l, r ORDER BY m.id LIMIT {c.param(limit)}", *calls,
            f"RETURN {{{', '.join(entries)}}} AS item ORDER BY item.id"])
        rows = await info.context.db.read(text, c.params, raw=True)
        return [r["item"] for r in rows]


@strawberry.type
class ReviewMutations:
    @strawberry.mutation(description="Accept a claim: it reads its sentence right. Editors.")
    async def accept_claim(self, info: Info, id: strawberry.ID) -> ReviewItem:
        who = await require(info, "editor")
        claim = claim_db_id(str(id))
        await decide_async(info.context.driver, info.context.database, lambda: decide_steps(
            claim, "accepted", reason=None, actor=who.name, role=who.role))
        return await _read_item(info, claim)  # type: ignore[return-value]

    @strawberry.mutation(description=(
        "Reject a claim: it leaves default queries and exports, and reloading its article "
        "never brings it back. Editors."))
    async def reject_claim(self, info: Info, id: strawberry.ID, reason: str) -> ReviewItem:
        who = await require(info, "editor")
        claim = claim_db_id(str(id))
        if not reason.strip():
            raise InvalidInput("a rejection needs a reason", field="reason")
        await decide_async(info.context.driver, info.context.database, lambda: decide_steps(
            claim, "rejected", reason=reason, actor=who.name, role=who.role))
        return await _read_item(info, claim)  # type: ignore[return-value]

    @strawberry.mutation(description=(
        "Correct how a claim reads its sentence (accuser, accused, denier, category): the "
        "corrected claim is written, accepted and cited by the same quote, and the claim "
        "as read is rejected. Returns the corrected claim. Editors."))
    async def edit_claim(self, info: Info, id: strawberry.ID,
                         input: EditClaimInput) -> ReviewItem:
        who = await require(info, "editor")
        claim = claim_db_id(str(id))
        changes = Changes(**{k: _entity_ref(v) for k, v in vars(input).items()
                             if k != "category"}, category=input.category)
        done = await decide_async(info.context.driver, info.context.database,
                                  lambda: edit_steps(claim, changes, actor=who.name,
                                                     role=who.role))
        return await _read_item(info, done.new_id)  # type: ignore[return-value]

    @strawberry.mutation(description=(
        "Merge `merge` into `keep`: relationships, citations and names move to `keep`; "
        "`unmergeEntities` restores both exactly. Editors."))
    async def merge_entities(self, info: Info, keep: strawberry.ID, merge: strawberry.ID,
                             reason: str) -> EntityMergeResult:
        who = await require(info, "editor")
        kept = decode_id(str(keep), allowed=("Entity",), field="keep")[1]
        merged = decode_id(str(merge), allowed=("Entity",), field="merge")[1]
        done = await decide_async(info.context.driver, info.context.database,
                                  lambda: merge_steps(kept, merged, reason, actor=who.name,
                                                      role=who.role))
        return await _merge_result(info, done)

    @strawberry.mutation(description="Undo the merge of `merged`. Editors.")
    async def unmerge_entities(self, info: Info, merged: strawberry.ID,
                               reason: str) -> EntityMergeResult:
        who = await require(info, "editor")
        merged_id = decode_id(str(merged), allowed=("Entity",), field="merged")[1]
        done = await decide_async(info.context.driver, info.context.database,
                                  lambda: unmerge_steps(merged_id, reason, actor=who.name,
                                                        role=who.role))
        return await _merge_result(info, done)

    @strawberry.mutation(description=(
        "Record that two entities are not the same: never proposed as a merge again. "
        "Returns the merge candidate id. Editors."))
    async def mark_distinct(self, info: Info, left: strawberry.ID, right: strawberry.ID,
                            reason: str) -> strawberry.ID:
        who = await require(info, "editor")
        a = decode_id(str(left), allowed=("Entity",), field="left")[1]
        b = decode_id(str(right), allowed=("Entity",), field="right")[1]
        cand = await decide_async(info.context.driver, info.context.database,
                                  lambda: distinct_steps(a, b, reason, actor=who.name,
                                                         role=who.role))
        return strawberry.ID(cand)

    @strawberry.mutation(description=(
        "Resolve a merge candidate either way: `same` merges right into left, otherwise "
        "they are marked distinct. Returns the candidate id. Editors."))
    async def resolve_merge_candidate(self, info: Info, id: strawberry.ID, same: bool,
                                      reason: str) -> strawberry.ID:
        who = await require(info, "editor")
        await decide_async(info.context.driver, info.context.database, lambda: resolve_steps(
            str(id), same, reason, actor=who.name, role=who.role))
        return id


def _entity_ref(value: str | None) -> str | None:
    """An entity's global id as its graph id; a name as it is."""
    if value is None:
        return None
    try:
        return decode_id(value, allowed=("Entity",))[1]
    except InvalidInput:
        return value


async def _merge_result(info: Info, done: MergeResult) -> EntityMergeResult:
    """The result as a row: the entities read back with the client's selection."""
    from kb.api.mutations import read_back

    out: dict[str, Any] = {"merge_id": done.merge_id, "moved_relationships": done.moved,
                           "joined_relationships": done.joined}
    for key, f in flatten(selections(info)).items():
        if f.name in ("kept", "merged"):
            side = done.kept if f.name == "kept" else done.merged
            out[f"@{key}"] = native(await read_back(info, side["label"], side["id"],
                                                    f.selections))
    return cast(EntityMergeResult, out)  # a row: the fields read it by name
