"""Root fields over entities: node(id:), search, people, organisations."""

from __future__ import annotations

from typing import Any

import strawberry

from kb.api.auth import require
from kb.api.context import Info
from kb.api.cypher.roots import list_statement, node_statement, search_statement
from kb.api.ids import decode_id
from kb.api.lists import (
    OrganisationConnection,
    PersonConnection,
    fetch,
    root_connection,
    selections,
)
from kb.api.pages import MAX_PAGE, page_window
from kb.api.review_types import AsOfArg, ReviewedArg
from kb.api.types import Entity, Node
from kb.errors import InvalidInput


@strawberry.type
class EntityQueries:
    @strawberry.field(description="Any node by its global id; null when there is none.")
    async def node(self, info: Info, id: strawberry.ID,
                   include_retracted: bool = False, reviewed: ReviewedArg = None,
                   as_of: AsOfArg = None) -> Node | None:
        await require(info, "reader")
        type_name, db_id = decode_id(str(id), field="id")
        record = await fetch(info, node_statement(type_name, db_id, selections(info),
                                                  include_retracted, reviewed=bool(reviewed),
                                                  as_of=as_of))
        return record["item"] if record else None

    @strawberry.field(description="People and organisations whose names, aliases or "
                                  "allegation summaries match (an allegation gives its parties).")
    async def search(self, info: Info, text: str, first: int | None = 10) -> list[Entity]:
        await require(info, "reader")
        if not text.strip():
            raise InvalidInput("search text is empty", field="text")
        if len(text) > 500:
            raise InvalidInput("search text is over 500 characters", field="text")
        _, limit = page_window(first, None)
        record = await fetch(info, search_statement(text, limit, selections(info)))
        return record["items"] if record else []

    @strawberry.field(description=f"People by name; at most {MAX_PAGE} a page.")
    async def people(self, info: Info, first: int | None = 20, after: str | None = None,
                     include_retracted: bool = False,
                     reviewed: ReviewedArg = None) -> PersonConnection:
        return await _entities(info, "Person", first, after, include_retracted, reviewed)  # type: ignore[no-any-return]

    @strawberry.field(description=f"Organisations by name; at most {MAX_PAGE} a page.")
    async def organisations(self, info: Info, first: int | None = 20, after: str | None = None,
                            include_retracted: bool = False,
                            reviewed: ReviewedArg = None) -> OrganisationConnection:
        return await _entities(info, "Organisation", first, after, include_retracted,  # type: ignore[no-any-return]
                               reviewed)


async def _entities(info: Info, label: str, first: int | None, after: str | None,
                    include_retracted: bool, reviewed: bool | None) -> Any:
    """``include_retracted`` and ``reviewed`` apply to the relationship connections under
    each entity. An entity merged into another is not listed (the one kept stands for it)."""
    await require(info, "reader")
    skip, limit = page_window(first, after)
    record = await fetch(info, list_statement(label, selections(info), skip, limit,
                                              "WHERE v.merged_into IS NULL",
                                              include_retracted=include_retracted,
                                              reviewed=bool(reviewed)))
    return root_connection(record, skip, limit)
