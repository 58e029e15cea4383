"""Root fields `neighbourhood`, `supportedBy` and `describe`: flat lists for the workspace.

The workspace draws its network from `neighbourhood` and highlights a publication's
spans from `supportedBy`; flat lists keep those queries shallow (the depth limit is 7).
"""

from __future__ import annotations

from typing import cast

import strawberry

from kb.api.auth import require
from kb.api.context import Info
from kb.api.cypher.roots import (
    describe_statement,
    neighbourhood_statement,
    supported_statement,
)
from kb.api.ids import decode_id
from kb.api.lists import selections
from kb.api.paths import Hop
from kb.api.review_types import AsOfArg, ReviewedArg
from kb.api.types import Citation, Node, Row
from kb.errors import InvalidInput

MAX_NEIGHBOURHOOD = 500
MAX_DESCRIBE = 200


def _keyed(root: strawberry.Parent[Row], info: Info):  # type: ignore[no-untyped-def]
    return root.get(f"@{info.path.key}")


@strawberry.type(description="A graph id (as the audit lists them) and what it names.")
class Described:
    db_id: str
    node: Node | None = strawberry.field(resolver=_keyed)
    relationship: Hop | None = strawberry.field(resolver=_keyed)
    citation: Citation | None = strawberry.field(resolver=_keyed)


@strawberry.type
class NeighbourhoodQueries:
    @strawberry.field(description=(
        "The cited relationships of an entity, allegation or response, and of the "
        "allegations and responses next to it (so an entity's allegations come with their "
        f"other parties); publications left out; at most {MAX_NEIGHBOURHOOD}."))
    async def neighbourhood(self, info: Info, of: strawberry.ID, first: int = 200,
                            include_retracted: bool = False, reviewed: ReviewedArg = None,
                            as_of: AsOfArg = None) -> list[Hop]:
        await require(info, "reader")
        if not 1 <= first <= MAX_NEIGHBOURHOOD:
            raise InvalidInput(f"first must be between 1 and {MAX_NEIGHBOURHOOD}",
                               field="first")
        node = decode_id(str(of), allowed=("Entity", "Allegation", "Response"), field="of")
        statement = neighbourhood_statement(node, first, selections(info),
                                            include_retracted=include_retracted,
                                            reviewed=bool(reviewed), as_of=as_of)
        row = await info.context.db.read_one(statement.text, statement.params, raw=True)
        return cast(list[Hop], (row or {}).get("items", []))  # rows the executor completes

    @strawberry.field(name="supportedBy", description=(
        "Every relationship a publication's citations support, retracted or not."))
    async def supported_by(self, info: Info, publication: strawberry.ID) -> list[Hop]:
        await require(info, "reader")
        _, db_id = decode_id(str(publication), allowed=("Publication",), field="publication")
        statement = supported_statement(db_id, selections(info))
        row = await info.context.db.read_one(statement.text, statement.params, raw=True)
        return cast(list[Hop], (row or {}).get("items", []))  # rows the executor completes

    @strawberry.field(description=(
        "What graph ids (such as the audit lists) name: a node, a relationship with its "
        f"ends, or a citation; at most {MAX_DESCRIBE}; unknown ids are left out."))
    async def describe(self, info: Info, ids: list[str]) -> list[Described]:
        await require(info, "reader")
        if len(ids) > MAX_DESCRIBE:
            raise InvalidInput(f"at most {MAX_DESCRIBE} ids", field="ids")
        statement = describe_statement(ids, selections(info))
        row = await info.context.db.read_one(statement.text, statement.params, raw=True)
        row = row or {}
        found = {r["db_id"]: r for part in ("nodes", "rels", "citations")
                 for r in row.get(part, [])}
        return cast(list[Described], [found[i] for i in dict.fromkeys(ids) if i in found])
