"""The sourced report: the one format through which everything enters the graph.

Its core is the shape of ``shared/corpus/*.gold.json`` plus a ``publication``
block. A curated report file, an editor's mutation and the article extractor
all produce this; the JSON Schema in ``schema/report.schema.json`` is derived
from these models.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_TEXT_CHARS = 5_000_000
MAX_NAMES = 1_000  # names and aliases of people and organisations in one report
NAME = Annotated[str, Field(min_length=1, max_length=300)]
STATUSES = (
    "alleged", "denied", "admitted", "settled", "charged",
    "convicted", "acquitted", "dismissed", "retracted",
)
Status = Literal[
    "alleged", "denied", "admitted", "settled", "charged",
    "convicted", "acquitted", "dismissed", "retracted",
]
ResponseType = Literal["admission", "apology", "no_comment", "does_not_recall"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PublicationIn(Strict):
    title: str = Field(min_length=1, max_length=1000)
    outlet: str = Field(min_length=1, max_length=300)
    url: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None
    retrieved: dt.datetime | None = None
    authors: list[NAME] = Field(default_factory=list)
    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    text_file: str | None = None
    language: str | None = None

    @model_validator(mode="after")
    def _one_text(self) -> PublicationIn:
        if (self.text is None) == (self.text_file is None):
            raise ValueError("give exactly one of `text` or `text_file`")
        if self.text is not None and not self.text.strip():
            raise ValueError("`text` is empty")
        return self


class EntityIn(Strict):
    name: NAME
    aliases: list[NAME] = Field(default_factory=list)
    description: str | None = Field(default=None, max_length=2000)


def _entity(value: object) -> object:
    return {"name": value} if isinstance(value, str) else value


class Cited(Strict):
    """A claim with its evidence: the exact quote, optionally its offsets."""

    quote: str = Field(min_length=1, max_length=5000)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    alt_quotes: list[Annotated[str, Field(min_length=1, max_length=5000)]] = Field(
        default_factory=list
    )
    confidence: float = Field(default=1.0, ge=0, le=1)
    method: str | None = Field(default=None, max_length=200)


class AllegationIn(Cited):
    accuser: NAME | None = None
    accusers: list[NAME] = Field(default_factory=list)
    accuser_description: str | None = Field(default=None, max_length=500)
    accused: list[NAME] = Field(min_length=1)
    reported_by: list[NAME] = Field(default_factory=list)
    summary: str = Field(min_length=1, max_length=2000)
    categories: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list
    )
    status: Status = "alleged"

    @field_validator("accused", mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @property
    def all_accusers(self) -> list[str]:
        names = list(self.accusers)
        if self.accuser and self.accuser not in names:
            names.insert(0, self.accuser)
        return names

    @model_validator(mode="after")
    def _accused_is_not_accuser(self) -> AllegationIn:
        both = set(self.all_accusers) & set(self.accused)
        if both:
            raise ValueError(f"{sorted(both)[0]!r} cannot be both accuser and accused")
        return self


class Spoken(Cited):
    """A statement, possibly given through someone else (a spokesperson, a lawyer)."""

    via: NAME | None = None
    via_role: str | None = Field(default=None, max_length=300)


class DenialIn(Spoken):
    denier: NAME
    accused: NAME | None = None
    denies_allegation_by: NAME | None = None
    kind: Literal["full", "partial", "implicit"] = "full"
    summary: str = Field(default="", max_length=2000)


class ResponseIn(Spoken):
    responder: NAME
    type: ResponseType
    accused: NAME | None = None
    responds_to_allegation_by: NAME | None = None
    summary: str = Field(default="", max_length=2000)


class AffiliationIn(Cited):
    kind: Literal["affiliation"]
    person: NAME
    organisation: NAME | None
    organisation_description: str | None = None
    role: str | None = Field(default=None, max_length=300)
    detail: str | None = Field(default=None, max_length=500)


class AssociationIn(Cited):
    kind: Literal["association"]
    a: NAME
    b: NAME
    detail: str | None = Field(default=None, max_length=500)


class ActionIn(Cited):
    kind: Literal["action"]
    organisation: NAME
    person: NAME
    detail: str | None = Field(default=None, max_length=500)


RelationIn = Annotated[AffiliationIn | AssociationIn | ActionIn, Field(discriminator="kind")]


class Report(Strict):
    """A sourced report. Unknown keys are rejected by name."""

    publication: PublicationIn
    people: list[EntityIn] = Field(default_factory=list)
    organisations: list[EntityIn] = Field(default_factory=list)
    allegations: list[AllegationIn] = Field(default_factory=list)
    denials: list[DenialIn] = Field(default_factory=list)
    responses: list[ResponseIn] = Field(default_factory=list)
    non_denial_responses: list[ResponseIn] = Field(default_factory=list)
    relations: list[RelationIn] = Field(default_factory=list)

    @field_validator("people", "organisations", mode="before")
    @classmethod
    def _entities(cls, value: object) -> object:
        return [_entity(v) for v in value] if isinstance(value, list) else value

    @property
    def all_responses(self) -> list[ResponseIn]:
        return [*self.responses, *self.non_denial_responses]

    @model_validator(mode="after")
    def _not_too_many_names(self) -> Report:
        """A report names a bounded number of entities: resolution cost grows with them."""
        count = sum(1 + len(e.aliases) for e in [*self.people, *self.organisations])
        if count > MAX_NAMES:
            raise ValueError(f"people and organisations name {count} names and aliases; "
                             f"a report may name at most {MAX_NAMES:,}: split it")
        return self

    @model_validator(mode="after")
    def _names_are_listed(self) -> Report:
        """Every name a claim uses must be a listed person or organisation (or alias)."""
        people = _names(self.people)
        orgs = _names(self.organisations)
        anyone = people | orgs
        either = "people or organisations"
        uses: list[tuple[str, str | None, set[str], str]] = []
        for i, a in enumerate(self.allegations):
            for name in a.all_accusers:
                uses.append((f"allegations[{i}].accuser", name, anyone, either))
            for name in a.accused:
                uses.append((f"allegations[{i}].accused", name, anyone, either))
            for name in a.reported_by:
                uses.append((f"allegations[{i}].reported_by", name, orgs, "organisations"))
        for i, d in enumerate(self.denials):
            uses.append((f"denials[{i}].denier", d.denier, anyone, either))
            uses.append((f"denials[{i}].via", d.via, anyone, either))
            uses.append((f"denials[{i}].accused", d.accused, anyone, either))
            uses.append((f"denials[{i}].denies_allegation_by", d.denies_allegation_by, anyone,
                         either))
        for i, r in enumerate(self.all_responses):
            uses.append((f"responses[{i}].responder", r.responder, anyone, either))
            uses.append((f"responses[{i}].via", r.via, anyone, either))
            uses.append((f"responses[{i}].accused", r.accused, anyone, either))
        for i, rel in enumerate(self.relations):
            if isinstance(rel, AffiliationIn):
                uses.append((f"relations[{i}].person", rel.person, people, "people"))
                uses.append((f"relations[{i}].organisation", rel.organisation, orgs,
                             "organisations"))
            elif isinstance(rel, AssociationIn):
                uses.append((f"relations[{i}].a", rel.a, people, "people"))
                uses.append((f"relations[{i}].b", rel.b, people, "people"))
            else:
                uses.append((f"relations[{i}].organisation", rel.organisation, orgs,
                             "organisations"))
                uses.append((f"relations[{i}].person", rel.person, people, "people"))
        for where, name, listed, kind in uses:
            if name is not None and name not in listed:
                raise ValueError(f"{where}: {name!r} is not listed in {kind}")
        return self


def _names(entities: list[EntityIn]) -> set[str]:
    out: set[str] = set()
    for e in entities:
        out.add(e.name)
        out.update(e.aliases)
    return out
