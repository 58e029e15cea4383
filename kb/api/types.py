"""The GraphQL object types. Roots are plain dicts built by one Cypher statement.

Scalar fields read the dict by python name (the schema's default resolver);
connection fields read the compiled data stored under their response key
(``@alias``) and shape it into edges with cursors. A relationship edge always
carries ``citations``: a client cannot reach a relationship without its evidence.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from kb.api.ids import encode_id
from kb.api.pages import shape
from kb.api.review_types import ReviewState

Row = dict[str, Any]


def _global_id(root: strawberry.Parent[Row]) -> strawberry.ID:
    return strawberry.ID(encode_id(root["_t"], root["_id"]))


def _db_id(root: strawberry.Parent[Row]) -> str:
    return str(root["_id"])


RetractedArg = Annotated[bool | None, strawberry.argument(
    description="Also relationships whose every source is retracted (unset: as the root "
                "field says).")]


def _connection(root: strawberry.Parent[Row], info: Info, first: int | None = 20,
                after: str | None = None,
                include_retracted: RetractedArg = None):  # type: ignore[no-untyped-def]  # the field's annotation gives the type
    # The arguments were read by the compiler from the selection; declared here for the SDL.
    return shape(root.get(f"@{info.path.key}"))


def _object(root: strawberry.Parent[Row], info: Info):  # type: ignore[no-untyped-def]
    return root.get(f"@{info.path.key}")


def connection(description: str) -> Any:
    return strawberry.field(resolver=_connection, description=description)


class FromRow:
    """Concrete types recognise their rows by the ``_t`` the statement computed.

    The compiler leaves ``_t`` out where the field's type is concrete: such a row is
    of that type by construction.
    """

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, dict) and obj.get("_t", cls.__name__) == cls.__name__


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.interface(description="Anything with a global id; fetch it again with `node(id:)`.")
class Node:
    id: strawberry.ID = strawberry.field(resolver=_global_id)
    db_id: str = strawberry.field(resolver=_db_id, description="The id inside the graph.")

    @classmethod
    def resolve_type(cls, obj: Any, *_: Any) -> str:
        return str(obj["_t"])


@strawberry.type(description="One exact quote at [start, end) of a stored publication text.")
class Citation(FromRow, Node):
    quote: str
    start: int
    end: int
    method: str
    confidence: float
    created_by: str
    created_at: dt.datetime
    relationship_type: str
    context_before: str = strawberry.field(description=(
        "Up to 80 characters of the publication text just before the quote."))
    context_after: str = strawberry.field(description=(
        "Up to 80 characters of the publication text just after the quote."))
    verified: bool = strawberry.field(
        description="Whether the publication's stored text at [start, end) equals the quote, "
                    "checked again on every read, and the current text (after any "
                    "correction) still says it.")
    superseded_by: str | None = strawberry.field(description=(
        "The correction (snapshot id) whose text no longer says this quote; null while the "
        "current text says it. The quote is then of the original text only."))
    publication: Publication = strawberry.field(resolver=_object)


@strawberry.type(description="A stored source text, immutable and hashed.")
class Publication(FromRow, Node):
    title: str
    outlet: str
    url: str | None
    published: dt.date | None
    retrieved: dt.datetime | None
    authors: list[str] | None
    sha256: str
    retracted: bool
    retraction_reason: str | None
    text: str
    allegations: AllegationRelationConnection = connection(
        "Allegations this publication reports (REPORTS).")


@strawberry.interface(description="A person or an organisation.")
class Entity(Node):
    name: str
    aliases: list[str]
    description: str | None
    allegations_made: AllegationRelationConnection = connection(
        "Allegations this entity makes (ACCUSES).")
    allegations_faced: AllegationRelationConnection = connection(
        "Allegations against this entity (AGAINST).")
    responses_issued: ResponseRelationConnection = connection(
        "Responses this entity gave (ISSUED).")
    responses_on_behalf: ResponseRelationConnection = connection(
        "Responses given for this entity by someone else (ON_BEHALF_OF).")


@strawberry.type(description="A named human being, as named by at least one source.")
class Person(FromRow, Entity):
    affiliations: OrganisationRelationConnection = connection(
        "Organisations this person belongs to (AFFILIATED_WITH); the edge has `role`.")
    associations: PersonRelationConnection = connection(
        "People this person is connected to (ASSOCIATED_WITH); the edge has `kind`.")
    actions_faced: OrganisationRelationConnection = connection(
        "Organisations that acted on this person (ACTED_ON); the edge has `action`.")


@strawberry.type(description="A company, outlet, agency, platform or other named body.")
class Organisation(FromRow, Entity):
    members: PersonRelationConnection = connection(
        "People affiliated with it (AFFILIATED_WITH).")
    actions_taken: PersonRelationConnection = connection(
        "People it acted on (ACTED_ON).")
    allegations_reported: AllegationRelationConnection = connection(
        "Allegations it made or carried (REPORTED_BY).")


@strawberry.type(description="A claim that someone did something wrong: never a fact.")
class Allegation(FromRow, Node):
    summary: str
    categories: list[str]
    status: str
    accuser_description: str | None
    first_reported: dt.date | None
    unsupported: bool = strawberry.field(description=(
        "Every relationship it rests on is cited only by retracted publications; such "
        "claims are left out unless `includeRetracted` is true."))
    review_state: ReviewState = strawberry.field(description=(
        "Whether a person checked that it reads its sentence right."))
    independent_sources: int = strawberry.field(description=(
        "Live (unretracted) publications citing it, counted so that copies of one text "
        "and publications of one outlet count once."))
    accusers: EntityRelationConnection = connection(
        "Who makes it (ACCUSES); empty when anonymous.")
    accused: EntityRelationConnection = connection(
        "Whom it is against (AGAINST).")
    reporting_publications: PublicationRelationConnection = connection(
        "Publications that carry it (REPORTS).")
    reporting_outlets: OrganisationRelationConnection = connection(
        "Outlets that made or carried it (REPORTED_BY).")
    responses: ResponseRelationConnection = connection(
        "Responses to it (RESPONDS_TO).")


@strawberry.interface(description="What the accused, or someone for them, said back.")
class Response(Node):
    type: str
    kind: str | None
    summary: str
    unsupported: bool = strawberry.field(description=(
        "Every relationship it rests on is cited only by retracted publications."))
    review_state: ReviewState = strawberry.field(description=(
        "Whether a person checked that it reads its sentence right."))
    issued_by: EntityRelationConnection = connection(
        "Who gave it (ISSUED).")
    on_behalf_of: EntityRelationConnection = connection(
        "For whom it was given (ON_BEHALF_OF).")
    responds_to: AllegationRelationConnection = connection(
        "The allegations it answers (RESPONDS_TO).")


@strawberry.type
class Denial(FromRow, Response):
    pass


@strawberry.type
class Admission(FromRow, Response):
    pass


@strawberry.type
class Apology(FromRow, Response):
    pass


@strawberry.type
class NoComment(FromRow, Response):
    pass


@strawberry.type
class DoesNotRecall(FromRow, Response):
    pass


RESPONSE_CLASSES = [Denial, Admission, Apology, NoComment, DoesNotRecall]


@strawberry.type(description=(
    "The provenance chain of one relationship: every citation with its quote in context, "
    "its publication (outlet, URL, dates, SHA-256, retraction) and who made it, when."))
class Provenance:
    relationship_id: str
    relationship_type: str
    unsupported: bool = strawberry.field(description=(
        "Every citation quotes a retracted publication."))
    start: Node = strawberry.field(resolver=_object, description="Where it starts.")
    end: Node = strawberry.field(resolver=_object, description="Where it ends.")
    citations: list[Citation] = strawberry.field(
        resolver=_object, description="Oldest publication first, then by position.")


def explain_field() -> Any:
    """The ``explain`` field of every relationship edge: one type, one resolver."""
    return strawberry.field(resolver=_object, description=(
        "The full provenance chain (compiled into the same statement when selected)."))


@strawberry.type(description="A relationship to an entity, with its evidence.")
class EntityRelationEdge:
    node: Entity = strawberry.field(resolver=_object)
    cursor: str
    citations: list[Citation] = strawberry.field(resolver=_object)
    relationship_id: str
    relationship_type: str
    unsupported: bool
    review_state: ReviewState
    explain: Provenance = explain_field()


@strawberry.type(description="A relationship to a person, with its evidence and properties.")
class PersonRelationEdge:
    node: Person = strawberry.field(resolver=_object)
    cursor: str
    citations: list[Citation] = strawberry.field(resolver=_object)
    relationship_id: str
    relationship_type: str
    unsupported: bool
    review_state: ReviewState
    explain: Provenance = explain_field()
    role: str | None
    kind: str | None
    action: str | None


@strawberry.type(description="A relationship to an organisation, with its evidence.")
class OrganisationRelationEdge:
    node: Organisation = strawberry.field(resolver=_object)
    cursor: str
    citations: list[Citation] = strawberry.field(resolver=_object)
    relationship_id: str
    relationship_type: str
    unsupported: bool
    review_state: ReviewState
    explain: Provenance = explain_field()
    role: str | None
    action: str | None


@strawberry.type(description="A relationship to an allegation, with its evidence.")
class AllegationRelationEdge:
    node: Allegation = strawberry.field(resolver=_object)
    cursor: str
    citations: list[Citation] = strawberry.field(resolver=_object)
    relationship_id: str
    relationship_type: str
    unsupported: bool
    review_state: ReviewState
    explain: Provenance = explain_field()


@strawberry.type(description="A relationship to a response, with its evidence.")
class ResponseRelationEdge:
    node: Response = strawberry.field(resolver=_object)
    cursor: str
    citations: list[Citation] = strawberry.field(resolver=_object)
    relationship_id: str
    relationship_type: str
    unsupported: bool
    review_state: ReviewState
    explain: Provenance = explain_field()


@strawberry.type(description="A relationship to a publication, with its evidence.")
class PublicationRelationEdge:
    node: Publication = strawberry.field(resolver=_object)
    cursor: str
    citations: list[Citation] = strawberry.field(resolver=_object)
    relationship_id: str
    relationship_type: str
    unsupported: bool
    review_state: ReviewState
    explain: Provenance = explain_field()


@strawberry.type
class EntityRelationConnection:
    edges: list[EntityRelationEdge]
    total_count: int
    page_info: PageInfo


@strawberry.type
class PersonRelationConnection:
    edges: list[PersonRelationEdge]
    total_count: int
    page_info: PageInfo


@strawberry.type
class OrganisationRelationConnection:
    edges: list[OrganisationRelationEdge]
    total_count: int
    page_info: PageInfo


@strawberry.type
class AllegationRelationConnection:
    edges: list[AllegationRelationEdge]
    total_count: int
    page_info: PageInfo


@strawberry.type
class ResponseRelationConnection:
    edges: list[ResponseRelationEdge]
    total_count: int
    page_info: PageInfo


@strawberry.type
class PublicationRelationConnection:
    edges: list[PublicationRelationEdge]
    total_count: int
    page_info: PageInfo
