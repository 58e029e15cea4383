"""Root connections (lists of nodes) and running a compiled statement."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.nodes import Selection

from kb.api.context import Info
from kb.api.cypher.roots import Statement
from kb.api.pages import shape
from kb.api.types import Allegation, Organisation, PageInfo, Person, Publication


def selections(info: Info) -> list[Selection]:
    """What the client selected under the current root field."""
    return info.selected_fields[0].selections


async def fetch(info: Info, statement: Statement, *, raw: bool = True) -> dict[str, Any] | None:
    """The one record of a root field's statement; ``raw``: as the driver gave it (the
    executor converts dates as it completes the root value), for values returned as they are.
    """
    return await info.context.db.read_one(statement.text, statement.params, raw=raw)


def root_connection(record: dict[str, Any] | None, skip: int, first: int) -> dict[str, Any]:
    items = record["items"] if record else []
    total = record["total"] if record else 0
    return shape({"edges": [{"node": item} for item in items],
                  "total": total, "skip": skip, "first": first})


def _node(root: strawberry.Parent[dict[str, Any]]) -> Any:  # the field's annotation types it
    return root["node"]


@strawberry.type
class PersonEdge:
    node: Person = strawberry.field(resolver=_node)
    cursor: str


@strawberry.type
class PersonConnection:
    edges: list[PersonEdge]
    total_count: int
    page_info: PageInfo


@strawberry.type
class OrganisationEdge:
    node: Organisation = strawberry.field(resolver=_node)
    cursor: str


@strawberry.type
class OrganisationConnection:
    edges: list[OrganisationEdge]
    total_count: int
    page_info: PageInfo


@strawberry.type
class AllegationEdge:
    node: Allegation = strawberry.field(resolver=_node)
    cursor: str


@strawberry.type
class AllegationConnection:
    edges: list[AllegationEdge]
    total_count: int
    page_info: PageInfo


@strawberry.type
class PublicationEdge:
    node: Publication = strawberry.field(resolver=_node)
    cursor: str


@strawberry.type
class PublicationConnection:
    edges: list[PublicationEdge]
    total_count: int
    page_info: PageInfo


