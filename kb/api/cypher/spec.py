"""How each GraphQL type maps onto the graph: labels, properties, relationships.

The compiler reads this, never the strawberry classes, so the shape of a
statement follows the selection alone. The connections (which relationship a
field lists, in which direction, reaching which type) and the edge properties
are generated from the ``api`` names of schema/graph.yaml; kb/api/types.py
builds the GraphQL fields and edge types from the same tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from kb.model.graph import Prop, model
from kb.store.audit import independent_sources_subquery
from kb.store.status import history_subquery

Direction = Literal["out", "in", "both"]

_graph = model()
RESPONSE_TYPES = tuple(_graph.node("Response").subtypes)
ENTITY_TYPES = tuple(_graph.entity_labels)
# Which GraphQL object types an abstract type may stand for.
ABSTRACT: dict[str, tuple[str, ...]] = {
    "Entity": ENTITY_TYPES,
    "Response": RESPONSE_TYPES,
    "Node": (*ENTITY_TYPES, "Allegation", *RESPONSE_TYPES, "Publication", "Citation"),
}
# The Cypher label expression matching a GraphQL type.
LABELS: dict[str, str] = {
    "Entity": "|".join(ENTITY_TYPES), "Response": "Response",
    **{t: t for t in (*ENTITY_TYPES, "Allegation", "Publication", "Citation", *RESPONSE_TYPES)},
}
# A stable order for the items of a connection.
ORDER: dict[str, str] = {
    "Entity": "{v}.name, {v}.id", "Person": "{v}.name, {v}.id",
    "Organisation": "{v}.name, {v}.id", "Allegation": "{v}.first_reported, {v}.id",
    "Response": "{v}.id", "Publication": "{v}.published, {v}.id",
}


@dataclass(frozen=True)
class Conn:
    """A relationship exposed as a connection; ``out`` means from the parent node."""

    rel_type: str
    direction: Direction
    target: str  # GraphQL type of the node at the other end
    description: str = ""

    def pattern(self, parent: str, rel: str, node: str) -> str:
        label = LABELS[self.target]
        left, right = {"out": ("-", "->"), "in": ("<-", "-"), "both": ("-", "-")}[self.direction]
        return f"({parent}){left}[{rel}:{self.rel_type}]{right}({node}:{label})"


@dataclass(frozen=True)
class TypeSpec:
    scalars: dict[str, str] = field(default_factory=dict)  # python name -> Cypher, {v} = node
    connections: dict[str, Conn] = field(default_factory=dict)  # python name -> relationship


def graphql_type(labels: list[str]) -> str:
    """The GraphQL type standing for exactly these labels (Person and Organisation: Entity)."""
    for name, expr in LABELS.items():
        if set(expr.split("|")) == set(labels):
            return name
    raise ValueError(f"no GraphQL type stands for the labels {labels}")


def declared_connections() -> dict[str, dict[str, Conn]]:
    """GraphQL type (interfaces included) -> its connection fields, in the model's order."""
    out: dict[str, dict[str, Conn]] = {}
    for rel in _graph.relationships.values():
        if rel.api is None:
            continue
        starts, ends = graphql_type(rel.start_labels), graphql_type(rel.end_labels)
        sides: list[tuple[Direction, str, str]] = [("out", starts, ends), ("in", ends, starts),
                                                   ("both", starts, ends)]
        for (direction, holder, target), api_field in zip(
                sides, (rel.api.start, rel.api.end, rel.api.both), strict=True):
            if api_field is None:
                continue
            fields = out.setdefault(holder, {})
            if api_field.field in fields:
                raise ValueError(f"{holder}.{api_field.field} is declared twice in the model")
            fields[api_field.field] = Conn(rel.type, direction, target, api_field.description)
    return out


CONNECTIONS = declared_connections()


def connections_of(type_name: str) -> dict[str, Conn]:
    """A concrete type's connections: its interfaces' first, as the SDL lists them."""
    interfaces = [a for a, members in ABSTRACT.items() if type_name in members and a != "Node"]
    found: dict[str, Conn] = {}
    for holder in (*interfaces, type_name):
        for name, conn in CONNECTIONS.get(holder, {}).items():
            if name in found:
                raise ValueError(f"{type_name}.{name} is declared twice in the model")
            found[name] = conn
    return found


def edge_properties(target: str) -> dict[str, Prop]:
    """The properties an edge reaching ``target`` may carry, in the model's order."""
    reaching = {conn.rel_type for conns in CONNECTIONS.values() for conn in conns.values()
                if conn.target == target}
    return {name: prop for rel_type, rel in _graph.relationships.items()
            if rel_type in reaching for name, prop in rel.properties.items() if prop.api}


ENTITY_SCALARS = {"name": "{v}.name", "aliases": "{v}.aliases", "description": "{v}.description"}
UNSUPPORTED = "coalesce({v}.unsupported, false)"
REVIEW_STATE = "coalesce({v}.review, 'unreviewed')"
RESPONSE_SCALARS = {"type": "{v}.type", "kind": "{v}.kind", "summary": "{v}.summary",
                    "unsupported": UNSUPPORTED, "review_state": REVIEW_STATE}
# Plain fields: python name -> Cypher, {v} = the node.
SCALARS: dict[str, dict[str, str]] = {
    "Person": ENTITY_SCALARS,
    "Organisation": ENTITY_SCALARS,
    "Allegation": {"summary": "{v}.summary", "categories": "{v}.categories",
                   "status": "{v}.status", "accuser_description": "{v}.accuser_description",
                   "first_reported": "{v}.first_reported", "unsupported": UNSUPPORTED,
                   "review_state": REVIEW_STATE},
    **{t: RESPONSE_SCALARS for t in RESPONSE_TYPES},
    "Publication": {"title": "{v}.title", "outlet": "{v}.outlet", "url": "{v}.url",
                    "published": "{v}.published", "retrieved": "{v}.retrieved",
                    "authors": "{v}.authors", "sha256": "{v}.sha256",
                    "retracted": "{v}.retracted", "retraction_reason": "{v}.retraction_reason",
                    "text": "{v}.text"},
    # Citation is compiled by hand (it reaches its publication); its plain fields:
    "Citation": {"quote": "{v}.quote", "start": "{v}.start", "end": "{v}.end",
                 "method": "{v}.method", "confidence": "{v}.confidence",
                 "created_by": "{v}.created_by", "created_at": "{v}.created_at",
                 "relationship_type": "{v}.rel_type", "superseded_by": "{v}.superseded_by"},
}
TYPES: dict[str, TypeSpec] = {t: TypeSpec(s, connections_of(t)) for t, s in SCALARS.items()}

# Fields computed by a subquery: python name -> (node var, output var, the as-of parameter
# or None, a label or None) -> ``CALL (v) {...}``; the label, under an abstract type, limits
# the work to the nodes that have the field.
COMPUTED: dict[str, dict[str, Callable[[str, str, str | None, str | None], str]]] = {
    "Allegation": {
        "independent_sources": lambda v, out, _as_of, label: independent_sources_subquery(
            v, out, label),
        "status_history": lambda v, out, as_of, _label: history_subquery(v, out, as_of),
    },
}

# Scalar fields of a relationship edge (python name -> Cypher, {r} = relationship).
EDGE_SCALARS = {"relationship_id": "{r}.id", "relationship_type": "type({r})",
                **{p: f"{{r}}.{p}" for rel in _graph.relationships.values()
                   for p in rel.properties},
                "unsupported": "coalesce({r}.unsupported, false)",
                "review_state": REVIEW_STATE.replace("{v}", "{r}")}


def concrete(type_name: str) -> tuple[str, ...]:
    return ABSTRACT.get(type_name, (type_name,))


def typename_expr(var: str, type_name: str) -> str:
    """The GraphQL type of a node, from its labels (subtype labels first)."""
    types = concrete(type_name)
    if len(types) == 1:
        return f"'{types[0]}'"
    cases = " ".join(f"WHEN {var}:{t} THEN '{t}'" for t in types)
    return f"CASE {cases} END"


def _check() -> None:
    """Every label the API names is one the model declares."""
    for name, label in LABELS.items():
        for part in label.split("|"):
            if part not in _graph.nodes and part not in RESPONSE_TYPES:
                raise ValueError(f"{name}: unknown label {part}")


_check()
