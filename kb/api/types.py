"""The GraphQL object types. Roots are plain dicts built by one Cypher statement.

Scalar fields read the dict by python name (the schema's default resolver);
connection fields read the compiled data stored under their response key
(``@alias``) and shape it into edges with cursors. A relationship edge always
carries ``citations``: a client cannot reach a relationship without its evidence.

The connection fields, and the edge and connection type of each node type they
reach, are generated from the model's ``api`` names (kb/api/cypher/spec.py reads
the same tables): ``@relations`` adds a type's fields, and each ``XRelationEdge``
is ``RelationEdge[X]`` plus the properties of the relationships reaching ``X``.
"""

from __future__ import annotations

import datetime as dt
import inspect
import sys
from types import new_class
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from strawberry.types import Info

from kb.api.cypher.spec import CONNECTIONS, edge_properties
from kb.api.ids import encode_id
from kb.api.pages import page_window, shape
from kb.api.review_types import ReviewState, StatusEvent
from kb.model.graph import PropType

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
                include_retracted: RetractedArg = None) -> Any:  # the field's annotation types it
    # The compiler read the arguments from the selection; here they give the page window.
    skip, limit = page_window(first, after)
    return shape(root.get(f"@{info.path.key}"), skip, limit)


def keyed(root: strawberry.Parent[Row], info: Info) -> Any:  # the field's annotation types it
    """What the statement stored under this field's response key (``@alias``): nested
    objects and lists, so aliased calls with different arguments keep their own."""
    return root.get(f"@{info.path.key}")


EDGE_CITATIONS = 5  # an edge's citations when `first` is not given (its count says how many)
CitationsFirst = Annotated[int | None, strawberry.argument(
    description=f"At most this many, as listed (default {EDGE_CITATIONS}, at most 100); "
                "`citationCount` says how many there are.")]


def cited(root: strawberry.Parent[Row], info: Info,
          first: CitationsFirst = EDGE_CITATIONS) -> Any:  # the field's annotation types it
    """An edge's citations: the statement already took the first ``first`` of them."""
    return root.get(f"@{info.path.key}")


def connection(description: str) -> Any:
    return strawberry.field(resolver=_connection, description=description)


C = TypeVar("C", bound=type)


def relations(cls: C) -> C:
    """Add the connection fields the model declares for this GraphQL type (before strawberry
    reads the class); each names its connection type, generated below."""
    annotations = dict(inspect.get_annotations(cls))  # its own, never a base class's
    for name, conn in CONNECTIONS.get(cls.__name__, {}).items():
        annotations[name] = f"{conn.target}RelationConnection"
        setattr(cls, name, connection(conn.description))
    cls.__annotations__ = annotations
    return cls


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
    def resolve_type(cls, obj: Any, info: Any, abstract: Any) -> str:
        if "_t" in obj:
            return str(obj["_t"])
        # No `_t`: the selection reads alike on every possible type (cypher/compile.py).
        return str(info.schema.get_possible_types(abstract)[0].name)


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
    publication: Publication = strawberry.field(resolver=keyed)


@strawberry.type(description="A stored source text, immutable and hashed.")
@relations
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


@strawberry.interface(description="A person or an organisation.")
@relations
class Entity(Node):
    name: str
    aliases: list[str]
    description: str | None


@strawberry.type(description="A named human being, as named by at least one source.")
@relations
class Person(FromRow, Entity):
    pass


@strawberry.type(description="A company, outlet, agency, platform or other named body.")
@relations
class Organisation(FromRow, Entity):
    pass


@strawberry.type(description="A claim that someone did something wrong: never a fact.")
@relations
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
    status_history: list[StatusEvent] = strawberry.field(description=(
        "Its status events, oldest first (as of `asOf`, when given); `status` is the latest "
        "that is more than 'alleged'."))
    independent_sources: int = strawberry.field(description=(
        "Live (unretracted) publications citing it, counted so that copies of one text "
        "and publications of one outlet count once."))


@strawberry.interface(description="What the accused, or someone for them, said back.")
@relations
class Response(Node):
    type: str
    kind: str | None
    summary: str
    unsupported: bool = strawberry.field(description=(
        "Every relationship it rests on is cited only by retracted publications."))
    review_state: ReviewState = strawberry.field(description=(
        "Whether a person checked that it reads its sentence right."))


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
    start: Node = strawberry.field(resolver=keyed, description="Where it starts.")
    end: Node = strawberry.field(resolver=keyed, description="Where it ends.")
    citations: list[Citation] = strawberry.field(
        resolver=keyed, description="Oldest publication first, then by position.")


def explain_field() -> Any:
    """The ``explain`` field of every relationship edge: one type, one resolver."""
    return strawberry.field(resolver=keyed, description=(
        "The full provenance chain (compiled into the same statement when selected)."))




T = TypeVar("T")


@strawberry.type
class RelationEdge(Generic[T]):
    """A relationship to a ``T``, with its evidence (a specialisation adds the properties)."""

    node: T = strawberry.field(resolver=keyed)
    cursor: str
    citations: list[Citation] = strawberry.field(resolver=cited)
    citation_count: int = strawberry.field(description="How many citations it has in all.")
    relationship_id: str
    relationship_type: str
    unsupported: bool
    review_state: ReviewState
    explain: Provenance = explain_field()


@strawberry.type
class RelationConnection(Generic[T]):
    edges: list[RelationEdge[T]]
    total_count: int
    page_info: PageInfo


PYTHON_TYPES: dict[PropType, Any] = {
    "string": str, "integer": int, "float": float, "boolean": bool, "date": dt.date,
    "datetime": dt.datetime, "list[string]": list[str],
}


def _article(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _of(generic: Any, argument: type) -> Any:
    """``generic[argument]`` for a type known only when the module runs."""
    return generic[argument]


def relation_types(target: type) -> tuple[type, type]:
    """``RelationEdge[target]`` with its properties, and the connection of such edges."""
    name = target.__name__
    props = edge_properties(name)
    noun = "entity" if name == "Entity" else name.lower()
    description = f"A relationship to {_article(noun)}, with its evidence" + (
        " and properties." if props else ".")
    edge_fields = {p: PYTHON_TYPES[prop.type] | None for p, prop in props.items()}
    edge = strawberry.type(new_class(
        f"{name}RelationEdge", (_of(RelationEdge, target),),
        exec_body=lambda ns: ns.update(__annotations__=edge_fields, __module__=__name__)),
        name=f"{name}RelationEdge", description=description)
    conn = strawberry.type(new_class(
        f"{name}RelationConnection", (_of(RelationConnection, target),),
        exec_body=lambda ns: ns.update(__annotations__={"edges": _of(list, edge)},
                                       __module__=__name__)),
        name=f"{name}RelationConnection")
    return edge, conn


def _generate() -> None:
    """One edge and one connection type per node type a connection reaches, by name, in this
    module: the fields ``@relations`` added name them."""
    module = sys.modules[__name__]
    for target in dict.fromkeys(c.target for conns in CONNECTIONS.values()
                                for c in conns.values()):
        edge, conn = relation_types(getattr(module, target))
        setattr(module, edge.__name__, edge)
        setattr(module, conn.__name__, conn)


_generate()
