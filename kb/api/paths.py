"""Root field `connections`: the shortest cited paths between two entities."""

from __future__ import annotations

from typing import Annotated

import strawberry

from kb.api.auth import require
from kb.api.context import Info
from kb.api.cypher.roots import paths_statement
from kb.api.ids import decode_id
from kb.api.lists import selections
from kb.api.review_types import AsOfArg, ReviewedArg, ReviewState
from kb.api.types import Citation, Node, Provenance, keyed
from kb.errors import InvalidInput

MAX_HOPS = 6  # beyond this, allShortestPaths over a dense graph gets expensive
MAX_PATHS = 25  # paths an answer holds at most
# Paths never pass through a node with more relationships than this: a hub (an
# outlet that reported thousands of allegations) links everyone to everyone and
# would make the search explode. The ends themselves may be hubs.
HUB_DEGREE = 1_000



@strawberry.type(description="One relationship on a path, walked from `from` to `to`.")
class Hop:
    from_: Node = strawberry.field(name="from", resolver=keyed)
    to: Node = strawberry.field(resolver=keyed)
    type: str = strawberry.field(description="The relationship type, e.g. ACCUSES.")
    forward: bool = strawberry.field(
        description="Whether the relationship points from `from` to `to`.")
    relationship_id: str = strawberry.field(description="The relationship's id (`explain`).")
    role: str | None = strawberry.field(description="AFFILIATED_WITH: the role.")
    kind: str | None = strawberry.field(description="ASSOCIATED_WITH: the kind of link.")
    action: str | None = strawberry.field(description="ACTED_ON: what was done.")
    review_state: ReviewState = strawberry.field(description="A person's judgement of it.")
    citations: list[Citation] = strawberry.field(resolver=keyed)
    explain: Provenance = strawberry.field(resolver=keyed, description=(
        "The full provenance chain of this relationship."))


@strawberry.type(description="A shortest path between two entities over cited relationships.")
class Path:
    length: int
    hops: list[Hop]
    hub_degree_limit: int = strawberry.field(description=(
        "The search does not walk through nodes with more relationships than this (hubs, "
        "such as an outlet that reported thousands of allegations); paths through them are "
        "not returned. The ends of the path may be hubs."))


@strawberry.type
class PathQueries:
    @strawberry.field(name="connections", description=(
        "All shortest paths between two entities over any cited relationship, either "
        f"direction, up to `maxHops` (at most {MAX_HOPS}); every hop carries its citations. "
        f"Paths do not pass through hubs (nodes with over {HUB_DEGREE:,} relationships; "
        "see `Path.hubDegreeLimit`)."))
    async def connections(
        self, info: Info, from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID, max_hops: int = 4, include_retracted: bool = False,
        reviewed: ReviewedArg = None, as_of: AsOfArg = None,
    ) -> list[Path]:
        await require(info, "reader")
        if not 1 <= max_hops <= MAX_HOPS:
            raise InvalidInput(f"maxHops must be between 1 and {MAX_HOPS}", field="maxHops")
        start = decode_id(str(from_), allowed=("Entity",), field="from")
        end = decode_id(str(to), allowed=("Entity",), field="to")
        if start == end:
            return []
        statement = paths_statement(start, end, max_hops, selections(info), MAX_PATHS,
                                    include_retracted=include_retracted,
                                    reviewed=bool(reviewed), as_of=as_of, hub_degree=HUB_DEGREE)
        rows = await info.context.db.read(statement.text, statement.params, raw=True)
        return [{"length": r["length"], "hops": r["hops"],  # type: ignore[misc]
                 "hub_degree_limit": HUB_DEGREE} for r in rows]

