"""Root field `allegations(filter:)`: by accused, accuser, status, category, outlet, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from kb.api.auth import require
from kb.api.context import Info
from kb.api.cypher.compile import live
from kb.api.cypher.roots import list_statement
from kb.api.ids import decode_id
from kb.api.lists import AllegationConnection, fetch, root_connection, selections
from kb.api.pages import MAX_PAGE, page_window
from kb.api.review_types import AsOfArg, ReviewedArg
from kb.model.identity import org_key
from kb.store.visible import View, review_ok


@strawberry.input(description="Every given condition must hold.")
class AllegationFilter:
    accused: strawberry.ID | None = None
    accuser: strawberry.ID | None = None
    status: str | None = None
    category: str | None = None
    reporting_outlet: str | None = strawberry.field(
        default=None, description="An outlet name: a REPORTED_BY organisation, or the outlet "
                                  "of a publication that REPORTS it.")
    published_from: dt.date | None = strawberry.field(
        default=None, description="Reported by a publication dated on or after this day.")
    published_to: dt.date | None = strawberry.field(
        default=None, description="Reported by a publication dated on or before this day.")


def filter_clause(f: AllegationFilter | None, include_retracted: bool = False,
                  reviewed: bool = False, as_of: dt.date | None = None
                  ) -> tuple[str, dict[str, Any]]:
    """A WHERE clause over ``v`` (the allegation) with its parameters."""
    # Allegations resting only on retracted sources are left out unless asked for;
    # rejected ones always, unreviewed ones when only reviewed claims are wanted.
    conds: list[str] = [review_ok("v", View(reviewed=reviewed))]
    if not include_retracted:
        conds.append(live("v"))
    params: dict[str, Any] = {}
    if as_of is not None:  # first reported by a publication dated by then
        params["as_of"] = as_of
        conds.append("v.first_reported <= $as_of")
    if f is None:
        return "WHERE " + " AND ".join(conds), params
    if f.accused is not None:
        label, params["f_accused"] = decode_id(str(f.accused), allowed=("Entity",),
                                               field="filter.accused")
        conds.append(f"EXISTS {{ (v)-[:AGAINST]->(:{label} {{id: $f_accused}}) }}")
    if f.accuser is not None:
        label, params["f_accuser"] = decode_id(str(f.accuser), allowed=("Entity",),
                                               field="filter.accuser")
        conds.append(f"EXISTS {{ (v)<-[:ACCUSES]-(:{label} {{id: $f_accuser}}) }}")
    if f.status is not None:
        params["f_status"] = f.status
        conds.append("v.status = $f_status")
    if f.category is not None:
        params["f_category"] = f.category.strip().lower()
        conds.append("$f_category IN v.categories")
    if f.reporting_outlet is not None:
        params["f_outlet"] = f.reporting_outlet.strip().lower()
        params["f_outlet_key"] = org_key(f.reporting_outlet)
        conds.append("(EXISTS { (v)-[:REPORTED_BY]->(o:Organisation) WHERE o.name_key = "
                     "$f_outlet_key } OR EXISTS { (v)<-[:REPORTS]-(p:Publication) "
                     "WHERE toLower(p.outlet) = $f_outlet })")
    if f.published_from is not None or f.published_to is not None:
        params["f_from"], params["f_to"] = f.published_from, f.published_to
        conds.append("EXISTS { (v)<-[:REPORTS]-(p:Publication) WHERE "
                     "($f_from IS NULL OR p.published >= $f_from) AND "
                     "($f_to IS NULL OR p.published <= $f_to) }")
    return ("WHERE " + " AND ".join(conds)) if conds else "", params


@strawberry.type
class AllegationQueries:
    @strawberry.field(description=f"Allegations, oldest first; at most {MAX_PAGE} a page.")
    async def allegations(self, info: Info, filter: AllegationFilter | None = None,
                          first: int | None = 20, after: str | None = None,
                          include_retracted: bool = False, reviewed: ReviewedArg = None,
                          as_of: AsOfArg = None) -> AllegationConnection:
        await require(info, "reader")
        skip, limit = page_window(first, after)
        where, params = filter_clause(filter, include_retracted, bool(reviewed), as_of)
        record = await fetch(info, list_statement("Allegation", selections(info), skip, limit,
                                                  where, params, include_retracted,
                                                  reviewed=bool(reviewed), as_of=as_of))
        return root_connection(record, skip, limit)  # type: ignore[return-value]
