"""The GraphQL schema follows the model: every relationship the model names for the API is
a connection on the right types, and every edge of it carries its evidence.

The expectations are read from schema/graph.yaml and checked against the schema the API
really builds, so a broken generator, a renamed field or an edge without citations fails.
(That the committed schema/schema.graphql is the derived one: tests/db/test_project.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLType,
    get_named_type,
)
from strawberry.utils.str_converters import to_camel_case

from kb.api.schema import build_schema
from kb.model.graph import SCHEMA_DIR, load_model

SCHEMA = build_schema()._schema
MODEL = load_model()
ENTITY = set(MODEL.entity_labels)


def gql_type(labels: list[str]) -> str:
    """The GraphQL type the API uses for a side of a relationship."""
    if set(labels) == ENTITY:
        return "Entity"
    assert len(labels) == 1, labels
    return labels[0]


def declared() -> list[tuple[str, str, str, str, str]]:
    """(holder type, field, relationship type, target type, description) from the YAML."""
    out = []
    for rel_type, rel in MODEL.relationships.items():
        if rel.api is None:
            continue
        starts, ends = gql_type(rel.start_labels), gql_type(rel.end_labels)
        for side, holder, target in (("start", starts, ends), ("end", ends, starts),
                                     ("both", starts, ends)):
            api = getattr(rel.api, side)
            if api is not None:
                out.append((holder, to_camel_case(api.field), rel_type, target, api.description))
    return out


def _field(type_name: str, name: str) -> GraphQLField:
    parent = SCHEMA.get_type(type_name)
    assert isinstance(parent, GraphQLObjectType | GraphQLInterfaceType), type_name
    assert name in parent.fields, f"{type_name}.{name} is missing"
    return parent.fields[name]


def _non_null_list_of(t: GraphQLType) -> GraphQLNamedType:
    assert isinstance(t, GraphQLNonNull) and isinstance(t.of_type, GraphQLList), t
    inner = t.of_type.of_type
    assert isinstance(inner, GraphQLNonNull), t
    return get_named_type(inner)


def test_every_cited_relationship_is_listed_from_both_sides() -> None:
    named = {rel for _, _, rel, _, _ in declared()}
    assert named == set(MODEL.cited_types)
    for rel_type, rel in MODEL.relationships.items():
        if rel.api is not None and rel.api.both is None:
            assert rel.api.start is not None and rel.api.end is not None, rel_type


@pytest.mark.parametrize("holder,name,rel_type,target,description", declared(),
                         ids=[f"{h}.{n}" for h, n, *_ in declared()])
def test_the_model_names_a_connection_to_its_target_on_every_holder(
        holder: str, name: str, rel_type: str, target: str, description: str) -> None:
    holders = [holder]
    if holder in ("Entity", "Response"):  # an interface's field is on every type that has it
        holders += [t.name for t in SCHEMA.get_possible_types(SCHEMA.get_type(holder))]  # type: ignore[arg-type]
    for type_name in holders:
        found = _field(type_name, name)
        connection = get_named_type(found.type)
        assert connection.name == f"{target}RelationConnection"
        assert found.description == description
        assert {"first", "after", "includeRetracted"} <= set(found.args)
        edge = _non_null_list_of(_field(connection.name, "edges").type)
        assert get_named_type(_field(edge.name, "node").type).name == target


@pytest.mark.parametrize("target", sorted({t for *_, t, _ in declared()}))
def test_every_edge_carries_its_citations_and_the_model_properties(target: str) -> None:
    edge = f"{target}RelationEdge"
    assert _non_null_list_of(_field(edge, "citations").type).name == "Citation"
    for name in ("relationshipId", "relationshipType", "unsupported", "explain", "cursor"):
        assert isinstance(_field(edge, name).type, GraphQLNonNull), name
    reaching = {rel for _, _, rel, t, _ in declared() if t == target}
    props = {to_camel_case(p) for rel in reaching
             for p, prop in MODEL.rel(rel).properties.items() if prop.api}
    edge_type = SCHEMA.get_type(edge)
    assert isinstance(edge_type, GraphQLObjectType)
    extra = set(edge_type.fields) - {"node", "cursor", "citations", "citationCount",
                                     "relationshipId",
                                     "relationshipType", "unsupported", "reviewState",
                                     "explain"}
    assert extra == props


def test_no_field_reaches_a_node_across_a_relationship_without_an_edge() -> None:
    """The only ways to a related node are relationship edges (with citations), the
    provenance types, and roots (a list's plain edges, a mutation's result)."""
    allowed = {"Query", "Mutation", "Provenance", "Hop", "TimelineEvent", "Citation",
               "RetractionResult", "IngestResult",
               # editorial results name what a person judges (a claim with its sentence,
               # two entities that may be one); they cross no relationship
               "ReviewItem", "MergeCandidate", "EntityMergeResult",
               # `describe` looks graph ids up one by one; a relationship comes as a Hop
               "Described",
               *(f"{t}Edge" for t in ("Person", "Organisation", "Allegation", "Publication"))}
    node_types = {t.name for t in SCHEMA.get_possible_types(SCHEMA.get_type("Node"))}  # type: ignore[arg-type]
    for type_name, t in SCHEMA.type_map.items():
        if not isinstance(t, GraphQLObjectType) or type_name in allowed \
                or type_name.endswith("RelationEdge"):
            continue
        for name, f in t.fields.items():
            reached = get_named_type(f.type).name
            assert reached not in node_types | {"Node", "Entity", "Response"}, \
                f"{type_name}.{name} reaches {reached} without an edge"


def _model_with(tmp_path: Path, change: dict[str, dict[str, object]]) -> Path:
    data = yaml.safe_load((SCHEMA_DIR / "graph.yaml").read_text())
    for rel_type, api in change.items():
        data["relationships"][rel_type]["api"] = api
    path = tmp_path / "graph.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_the_model_refuses_both_on_a_relationship_between_two_labels(tmp_path: Path) -> None:
    path = _model_with(tmp_path, {"ACCUSES": {"both": {"field": "x", "description": "x"}}})
    with pytest.raises(ValueError, match=r"ACCUSES: api\.both needs one label at both ends"):
        load_model(path)


def test_the_model_refuses_api_names_on_an_uncited_relationship(tmp_path: Path) -> None:
    path = _model_with(tmp_path, {"QUOTES": {"start": {"field": "x", "description": "x"}}})
    with pytest.raises(ValueError, match="QUOTES: not cited"):
        load_model(path)


def test_the_model_refuses_a_field_name_the_api_cannot_use(tmp_path: Path) -> None:
    path = _model_with(tmp_path, {"ACCUSES": {"start": {"field": "Made-By", "description": "x"}}})
    with pytest.raises(ValueError, match="field"):
        load_model(path)
