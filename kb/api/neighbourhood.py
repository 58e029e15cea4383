"""Root fields `neighbourhood` and `supportedBy`: relationships as flat lists of hops.

The workspace draws its network from `neighbourhood` and highlights a publication's
spans from `supportedBy`; flat lists keep those queries shallow (the depth limit is 7).
"""

from __future__ import annotations

import strawberry

from kb.api.auth import require
from kb.api.context import Info
from kb.api.cypher.roots import neighbourhood_statement, supported_statement
from kb.api.ids import decode_id
from kb.api.lists import selections
from kb.api.paths import Hop
from kb.errors import InvalidInput

MAX_NEIGHBOURHOOD = 500


@strawberry.type
class NeighbourhoodQueries:
    @strawberry.field(description=(
        "The cited relationships of an entity, allegation or response, and of the "
        "allegations and responses next to it (so an entity's allegations come with their "
        f"other parties); publications left out; at most {MAX_NEIGHBOURHOOD}."))
    async def neighbourhood(self, info: Info, of: strawberry.ID, first: int = 200,
                            include_retracted: bool = False) -> list[Hop]:
        await require(info, "reader")
        if not 1 <= first <= MAX_NEIGHBOURHOOD:
            raise InvalidInput(f"first must be between 1 and {MAX_NEIGHBOURHOOD}",
                               field="first")
        node = decode_id(str(of), allowed=("Entity", "Allegation", "Response"), field="of")
        statement = neighbourhood_statement(node, first, selections(info),
                                            include_retracted=include_retracted)
        row = await info.context.db.read_one(statement.text, statement.params, raw=True)
        return (row or {}).get("items", [])  # type: ignore[return-value]

    @strawberry.field(name="supportedBy", description=(
        "Every relationship a publication's citations support, retracted or not."))
    async def supported_by(self, info: Info, publication: strawberry.ID) -> list[Hop]:
        await require(info, "reader")
        _, db_id = decode_id(str(publication), allowed=("Publication",), field="publication")
        statement = supported_statement(db_id, selections(info))
        row = await info.context.db.read_one(statement.text, statement.params, raw=True)
        return (row or {}).get("items", [])  # type: ignore[return-value]
