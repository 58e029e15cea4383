"""The shape every rule produces before it becomes a report item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loaders.extract.mentions import Entity

CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "sexual misconduct": (
        "rape",
        "raping",
        "raped",
        "sexual",
        "sexually",
        "grope",
        "groping",
        "groped",
        "fondl",
        "molest",
        "masturbat",
        "non-consensual",
        "nonconsensual",
        "harass",
        "kiss",
        "indecent",
        "lewd",
        "sex ",
    ),
    "assault": ("assault", "attack", "punch", "beat", "chok", "strangl", "violen", "hit "),
    "abuse": ("abuse", "abusive", "bully", "bullied", "intimidat", "threat", "mistreat"),
    "fraud": (
        "fraud",
        "defraud",
        "embezzl",
        "mislead",
        "misled",
        "inflat",
        "falsif",
        "ponzi",
        "scheme",
        "accounting",
        "misappropriat",
        "launder",
        "siphon",
        "divert",
        "cheat",
        "deceiv",
        "deception",
        "overcharg",
        "conceal",
    ),
    "corruption": ("brib", "kickback", "corrupt"),
    "discrimination": ("discriminat", "racis", "sexis", "retaliat"),
    "theft": ("steal", "stole", "theft"),
}


def categorise(summary: str) -> list[str]:
    low = summary.lower() + " "
    cats = [cat for cat, stems in CATEGORY_WORDS.items() if any(s in low for s in stems)]
    if "sexual misconduct" in cats and "assault" in cats and "sexual assault" in low:
        cats.remove("assault")
    return cats or ["misconduct"]


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
