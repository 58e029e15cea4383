"""Root field `publications`: stored sources, newest last."""

from __future__ import annotations

import strawberry

from kb.api.auth import require
from kb.api.context import Info
from kb.api.cypher.roots import list_statement
from kb.api.lists import PublicationConnection, fetch, root_connection, selections
from kb.api.pages import MAX_PAGE, page_window


@strawberry.type
class PublicationQueries:
    @strawberry.field(description=f"Publications by date; at most {MAX_PAGE} a page.")
    async def publications(self, info: Info, outlet: str | None = None,
                           first: int | None = 20, after: str | None = None
                           ) -> PublicationConnection:
        await require(info, "reader")
        skip, limit = page_window(first, after)
        where, params = "", {}
        if outlet is not None:
            where, params = "WHERE toLower(v.outlet) = $outlet", {"outlet": outlet.lower()}
        record = await fetch(info, list_statement("Publication", selections(info), skip, limit,
                                                  where, params))
        return root_connection(record, skip, limit)  # type: ignore[return-value]
