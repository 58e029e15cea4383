"""Root field `timeline`: what involves an entity, in date order, with citations."""

from __future__ import annotations

import datetime as dt

import strawberry

from kb.api.auth import require
from kb.api.context import Info
from kb.api.cypher.roots import timeline_statement
from kb.api.ids import decode_id
from kb.api.lists import fetch, selections
from kb.api.pages import MAX_PAGE, page_window
from kb.api.review_types import AsOfArg, ReviewedArg
from kb.api.types import Citation, Node, Provenance, keyed


@strawberry.type(description="One dated event in an entity's timeline.")
class TimelineEvent:
    date: dt.date | None = strawberry.field(description=(
        "The allegation's first report, the publication's date, or for a response the "
        "earliest dated publication citing it; null when undated (listed last)."))
    kind: str = strawberry.field(description=(
        "ALLEGATION_MADE, ALLEGATION_FACED, RESPONSE_ISSUED, RESPONSE_FOR or REPORTED."))
    relationship_type: str
    node: Node = strawberry.field(resolver=keyed)
    citations: list[Citation] = strawberry.field(resolver=keyed)
    explain: Provenance = strawberry.field(resolver=keyed, description=(
        "The full provenance chain of the event's relationship."))


@strawberry.type
class TimelineQueries:
    @strawberry.field(description=f"Allegations, responses and publications involving an "
                                  f"entity, oldest first; at most {MAX_PAGE}.")
    async def timeline(self, info: Info, entity: strawberry.ID,
                       first: int | None = MAX_PAGE, include_retracted: bool = False,
                       reviewed: ReviewedArg = None, as_of: AsOfArg = None
                       ) -> list[TimelineEvent]:
        await require(info, "reader")
        target = decode_id(str(entity), allowed=("Entity",), field="entity")
        _, limit = page_window(first, None)
        record = await fetch(info, timeline_statement(target, limit, selections(info),
                                                      include_retracted,
                                                      reviewed=bool(reviewed), as_of=as_of))
        return record["items"] if record else []
