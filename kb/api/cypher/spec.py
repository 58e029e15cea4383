"""How each GraphQL type maps onto the graph: labels, properties, relationships.

The compiler reads this, never the strawberry classes, so the shape of a
statement follows the selection alone. Relationship types and labels are
checked against the model registry at import, so a typo fails at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from kb.model.graph import model
from kb.store.audit import independent_sources_subquery

RESPONSE_TYPES = ("Denial", "Admission", "Apology", "NoComment", "DoesNotRecall")
ENTITY_TYPES = ("Person", "Organisation")
# Which GraphQL object types an abstract type may stand for.
ABSTRACT: dict[str, tuple[str, ...]] = {
    "Entity": ENTITY_TYPES,
    "Response": RESPONSE_TYPES,
    "Node": (*ENTITY_TYPES, "Allegation", *RESPONSE_TYPES, "Publication", "Citation"),
}
# The Cypher label expression matching a GraphQL type.
LABELS: dict[str, str] = {
    "Entity": "Person|Organisation", "Response": "Response", "Person": "Person",
    "Organisation": "Organisation", "Allegation": "Allegation", "Publication": "Publication",
    "Citation": "Citation", **{t: t for t in RESPONSE_TYPES},
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
    direction: Literal["out", "in", "both"]
    target: str  # GraphQL type of the node at the other end

    def pattern(self, parent: str, rel: str, node: str) -> str:
        label = LABELS[self.target]
        left, right = {"out": ("-", "->"), "in": ("<-", "-"), "both": ("-", "-")}[self.direction]
        return f"({parent}){left}[{rel}:{self.rel_type}]{right}({node}:{label})"


@dataclass(frozen=True)
class TypeSpec:
    scalars: dict[str, str] = field(default_factory=dict)  # python name -> Cypher, {v} = node
    connections: dict[str, Conn] = field(default_factory=dict)  # python name -> relationship


ENTITY_SCALARS = {"name": "{v}.name", "aliases": "{v}.aliases", "description": "{v}.description"}
ENTITY_CONNECTIONS = {
    "allegations_made": Conn("ACCUSES", "out", "Allegation"),
    "allegations_faced": Conn("AGAINST", "in", "Allegation"),
    "responses_issued": Conn("ISSUED", "out", "Response"),
    "responses_on_behalf": Conn("ON_BEHALF_OF", "in", "Response"),
}
UNSUPPORTED = "coalesce({v}.unsupported, false)"
REVIEW_STATE = "coalesce({v}.review, 'unreviewed')"
RESPONSE = TypeSpec(
    scalars={"type": "{v}.type", "kind": "{v}.kind", "summary": "{v}.summary",
             "unsupported": UNSUPPORTED, "review_state": REVIEW_STATE},
    connections={
        "issued_by": Conn("ISSUED", "in", "Entity"),
        "on_behalf_of": Conn("ON_BEHALF_OF", "out", "Entity"),
        "responds_to": Conn("RESPONDS_TO", "out", "Allegation"),
    },
)

TYPES: dict[str, TypeSpec] = {
    "Person": TypeSpec(ENTITY_SCALARS, {
        **ENTITY_CONNECTIONS,
        "affiliations": Conn("AFFILIATED_WITH", "out", "Organisation"),
        "associations": Conn("ASSOCIATED_WITH", "both", "Person"),
        "actions_faced": Conn("ACTED_ON", "in", "Organisation"),
    }),
    "Organisation": TypeSpec(ENTITY_SCALARS, {
        **ENTITY_CONNECTIONS,
        "members": Conn("AFFILIATED_WITH", "in", "Person"),
        "actions_taken": Conn("ACTED_ON", "out", "Person"),
        "allegations_reported": Conn("REPORTED_BY", "in", "Allegation"),
    }),
    "Allegation": TypeSpec(
        scalars={"summary": "{v}.summary", "categories": "{v}.categories",
                 "status": "{v}.status", "accuser_description": "{v}.accuser_description",
                 "first_reported": "{v}.first_reported", "unsupported": UNSUPPORTED,
                 "review_state": REVIEW_STATE},
        connections={
            "accusers": Conn("ACCUSES", "in", "Entity"),
            "accused": Conn("AGAINST", "out", "Entity"),
            "reporting_publications": Conn("REPORTS", "in", "Publication"),
            "reporting_outlets": Conn("REPORTED_BY", "out", "Organisation"),
            "responses": Conn("RESPONDS_TO", "in", "Response"),
        },
    ),
    **{t: RESPONSE for t in RESPONSE_TYPES},
    "Publication": TypeSpec(
        scalars={"title": "{v}.title", "outlet": "{v}.outlet", "url": "{v}.url",
                 "published": "{v}.published", "retrieved": "{v}.retrieved",
                 "authors": "{v}.authors", "sha256": "{v}.sha256", "retracted": "{v}.retracted",
                 "retraction_reason": "{v}.retraction_reason", "text": "{v}.text"},
        connections={"allegations": Conn("REPORTS", "out", "Allegation")},
    ),
    # Citation is compiled by hand (it reaches its publication); its plain fields:
    "Citation": TypeSpec(scalars={
        "quote": "{v}.quote", "start": "{v}.start", "end": "{v}.end", "method": "{v}.method",
        "confidence": "{v}.confidence", "created_by": "{v}.created_by",
        "created_at": "{v}.created_at", "relationship_type": "{v}.rel_type",
        "superseded_by": "{v}.superseded_by",
    }),
}

# Fields computed by a subquery: python name -> (node var, output var, label or None) ->
# ``CALL (v) {...}``; the label limits it to those nodes under an abstract type.
COMPUTED: dict[str, dict[str, Callable[[str, str, str | None], str]]] = {
    "Allegation": {"independent_sources": independent_sources_subquery},
}

# Scalar fields of a relationship edge (python name -> Cypher, {r} = relationship).
EDGE_SCALARS = {"relationship_id": "{r}.id", "relationship_type": "type({r})",
                "role": "{r}.role", "kind": "{r}.kind", "action": "{r}.action",
                "unsupported": "coalesce({r}.unsupported, false)",
                "review_state": "coalesce({r}.review, 'unreviewed')"}


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
    """Every relationship a connection names is a cited one the model allows."""
    graph = model()
    for spec in TYPES.values():
        for conn in spec.connections.values():
            if not graph.rel(conn.rel_type).cited:
                raise ValueError(f"{conn.rel_type} is not cited; it cannot be a connection")
    for name, label in LABELS.items():
        for part in label.split("|"):
            if part not in graph.nodes and part not in RESPONSE_TYPES:
                raise ValueError(f"{name}: unknown label {part}")


_check()
