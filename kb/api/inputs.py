"""Mutation inputs shared by several mutations, and the report a mutation writes through."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from kb.api.context import Info
from kb.errors import InvalidInput, NotFound


@strawberry.input(description="Evidence: an exact quote in a stored publication's text.")
class CitationInput:
    publication: strawberry.ID
    quote: str
    start: int | None = strawberry.field(
        default=None, description="Where the quote starts; needed when it occurs twice.")


@strawberry.input
class PublicationInput:
    title: str
    outlet: str
    text: str
    url: str | None = None
    published: dt.date | None = None
    authors: list[str] = strawberry.field(default_factory=list)


def report_base(p: PublicationInput) -> dict[str, Any]:
    return {"publication": {"title": p.title, "outlet": p.outlet, "url": p.url,
                            "published": p.published, "authors": p.authors, "text": p.text}}


CONTEXT = """
OPTIONAL MATCH (p:Publication {id: $pub})
CALL () {
  UNWIND $ids AS i MATCH (n:Person|Organisation {id: i})
  RETURN collect({id: n.id, name: n.name, person: n:Person}) AS entities
}
RETURN p {.title, .outlet, .url, .published, .retrieved, .authors, .text} AS pub, entities
"""


async def entity_context(info: Info, pub_id: str, ids: list[str]
                         ) -> tuple[dict[str, Any], dict[str, str]]:
    """A report skeleton for a claim: the stored publication, and the entities' names.

    The write layer matches entities by name, so each id becomes its node's name;
    two different entities with one name would be ambiguous and are refused.
    """
    record = await info.context.db.read_one(CONTEXT, {"pub": pub_id, "ids": sorted(set(ids))})
    if record is None or record["pub"] is None:
        raise NotFound(f"no publication with id {pub_id!r}", field="citation.publication")
    found = {e["id"]: e for e in record["entities"]}
    for i in ids:
        if i not in found:
            raise NotFound(f"no person or organisation with id {i!r}")
    names: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for e in found.values():
        if by_name.setdefault(e["name"], e["id"]) != e["id"]:
            raise InvalidInput(f"two entities are named {e['name']!r}; merge them first")
        names[e["id"]] = e["name"]
    pub = {k: v for k, v in record["pub"].items() if v is not None}
    pub["authors"] = pub.get("authors") or []
    data: dict[str, Any] = {
        "publication": pub,
        "people": [e["name"] for e in found.values() if e["person"]],
        "organisations": [e["name"] for e in found.values() if not e["person"]],
    }
    return data, names
