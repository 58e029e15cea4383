"""The shape every rule produces before it becomes a report item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loaders.extract.mentions import Entity


@dataclass
class Allegation:
    accusers: list[Entity]
    accused: Entity
    start: int
    end: int
    method: str
    confidence: float
    summary: str = ""
    accuser_description: str | None = None
    reported_by: list[Entity] = field(default_factory=list)
    status: str = "alleged"

    def key(self) -> tuple[Any, ...]:
        return (tuple(e.name for e in self.accusers), self.accused.name)


@dataclass
class Denial:
    denier: Entity
    accused: Entity
    kind: str
    start: int
    end: int
    method: str
    confidence: float
    summary: str = ""
    denies_allegation_by: Entity | None = None
    via: Entity | None = None  # the named spokesperson or lawyer who delivered it
    via_role: str | None = None


@dataclass
class Response:
    responder: Entity
    type: str
    accused: Entity | None
    start: int
    end: int
    method: str
    confidence: float
    summary: str = ""
    via: Entity | None = None
    via_role: str | None = None


@dataclass
class Relation:
    kind: str
    fields: dict[str, Entity]
    detail: str
    start: int
    end: int
    method: str
    confidence: float
