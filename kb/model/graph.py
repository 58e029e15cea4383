"""The graph model, loaded from ``schema/graph.yaml`` and checked on load.

Code everywhere else asks this registry for labels, relationship types and
their allowed endpoints; nothing hard-codes them twice.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
GRAPH_YAML = SCHEMA_DIR / "graph.yaml"

PropType = Literal[
    "string", "integer", "float", "boolean", "date", "datetime", "list[string]"
]


class Prop(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: PropType
    required: bool = False
    index: bool = False
    merge: Literal["first", "union", "earliest", "review"] = "first"
    api: bool = True  # false: not an API edge field of its own (served otherwise)


class NodeType(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str = ""
    description: str
    key: str
    entity: bool = False
    claim: bool = False  # a claim a person reviews (kb review)
    subtypes: list[str] = Field(default_factory=list)
    properties: dict[str, Prop]

    @property
    def required(self) -> list[str]:
        return [name for name, prop in self.properties.items() if prop.required]


class ApiField(BaseModel):
    """One GraphQL field listing a relationship from one side (snake_case; the API camelCases)."""

    model_config = ConfigDict(extra="forbid")
    field: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str


class RelApi(BaseModel):
    """The relationship as the API names it from each side.

    ``start``: on the start node, listing the end nodes; ``end``: on the end node, listing
    the start nodes; ``both``: one field, either direction (same label at both ends).
    """

    model_config = ConfigDict(extra="forbid")
    start: ApiField | None = None
    end: ApiField | None = None
    both: ApiField | None = None


class RelType(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str = ""
    description: str
    cited: bool
    endpoints: list[tuple[str, str]]
    properties: dict[str, Prop] = Field(default_factory=dict)
    api: RelApi | None = None

    def allows(self, start: str, end: str) -> bool:
        return (start, end) in self.endpoints

    @property
    def start_labels(self) -> list[str]:
        return list(dict.fromkeys(start for start, _ in self.endpoints))

    @property
    def end_labels(self) -> list[str]:
        return list(dict.fromkeys(end for _, end in self.endpoints))


class FulltextIndex(BaseModel):
    model_config = ConfigDict(extra="forbid")
    labels: list[str]
    properties: list[str]


class GraphModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    nodes: dict[str, NodeType]
    relationships: dict[str, RelType]
    cited_properties: dict[str, Prop] = Field(default_factory=dict)
    fulltext: dict[str, FulltextIndex] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> GraphModel:
        for label, node in self.nodes.items():
            node.label = label
            if node.key not in node.properties:
                raise ValueError(f"node {label}: key {node.key!r} is not a property")
        for rel_type, rel in self.relationships.items():
            rel.type = rel_type
            if rel.cited:  # every cited relationship has the common ones too
                rel.properties = {**self.cited_properties, **rel.properties}
            for start, end in rel.endpoints:
                for label in (start, end):
                    if label not in self.nodes:
                        raise ValueError(f"relationship {rel_type}: unknown label {label!r}")
            if rel.api is not None:
                _check_api(rel)
        return self

    @property
    def entity_labels(self) -> list[str]:
        return [label for label, node in self.nodes.items() if node.entity]

    @property
    def cited_types(self) -> list[str]:
        return [t for t, rel in self.relationships.items() if rel.cited]

    @property
    def claim_labels(self) -> list[str]:
        return [label for label, node in self.nodes.items() if node.claim]

    @property
    def relation_types(self) -> list[str]:
        """Cited relationships between entities: each one a claim of its own."""
        claims = set(self.claim_labels)
        return [t for t, rel in self.relationships.items() if rel.cited
                and not any(label in claims for pair in rel.endpoints for label in pair)
                and all(self.nodes[label].entity for pair in rel.endpoints for label in pair)]

    def node(self, label: str) -> NodeType:
        try:
            return self.nodes[label]
        except KeyError:
            raise KeyError(f"unknown node label {label!r}") from None

    def rel(self, rel_type: str) -> RelType:
        try:
            return self.relationships[rel_type]
        except KeyError:
            raise KeyError(f"unknown relationship type {rel_type!r}") from None


def _check_api(rel: RelType) -> None:
    api = rel.api
    assert api is not None
    if not rel.cited:
        raise ValueError(f"relationship {rel.type}: not cited, so the API cannot list it")
    if api.both is not None:
        if api.start is not None or api.end is not None:
            raise ValueError(f"relationship {rel.type}: api.both excludes start and end")
        if rel.start_labels != rel.end_labels:
            raise ValueError(f"relationship {rel.type}: api.both needs one label at both ends")


def load_model(path: Path = GRAPH_YAML) -> GraphModel:
    return GraphModel.model_validate(yaml.safe_load(path.read_text()))


@cache
def model() -> GraphModel:
    """The model of this checkout, parsed once per process."""
    return load_model()
