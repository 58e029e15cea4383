"""Entities, their mentions, and the registry every rule reads them from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

# Re-exported under the loaders' name: entitylinks and personnames import it from here.
from kb.model.identity import mention_key as norm  # noqa: F401

Kind = Literal["person", "org"]
APOS = ("'s", "’s", "'", "’")
ORG_LABELS = {"ORG"}
ORG_SUFFIX_WORDS = {
    "inc",
    "inc.",
    "corp",
    "corp.",
    "llc",
    "ltd",
    "ltd.",
    "co",
    "co.",
    "group",
    "company",
    "news",
    "times",
    "post",
    "journal",
    "university",
    "bank",
    "capital",
    "partners",
    "holdings",
    "studios",
    "media",
    "association",
    "foundation",
    "institute",
    "committee",
    "department",
    "commission",
    "agency",
    "court",
    "police",
    "network",
    "records",
}


@dataclass
class Entity:
    name: str
    kind: Kind
    aliases: set[str] = field(default_factory=set)
    tokens: list[int] = field(default_factory=list)  # first token of each linked mention

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class Mention:
    start: int  # token indices in the doc
    end: int
    entity: Entity


@dataclass
class Registry:
    doc: Doc
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)

    def add_mention(self, start: int, end: int, entity: Entity, surface: str) -> None:
        if any(i in self.by_token for i in range(start, end)):
            return
        mention = Mention(start, end, entity)
        self.mentions.append(mention)
        for i in range(start, end):
            self.by_token[i] = mention
        entity.tokens.append(start)
        if surface != entity.name:
            entity.aliases.add(surface)

    def entity_at(self, tok: Token) -> Entity | None:
        mention = self.by_token.get(tok.i)
        return mention.entity if mention else None

    def previous(self, before: int, kind: Kind, exclude: set[str] | None = None) -> Entity | None:
        """The most recent entity of this kind mentioned before token index `before`."""
        exclude = exclude or set()
        for mention in sorted(self.mentions, key=lambda m: -m.start):
            if (
                mention.start < before
                and mention.entity.kind == kind
                and mention.entity.name not in exclude
            ):
                return mention.entity
        return None

    def salient(self, kind: Kind, exclude: set[str] | None = None) -> Entity | None:
        exclude = exclude or set()
        pool = [e for e in self.entities if e.kind == kind and e.name not in exclude and e.tokens]
        if not pool:
            return None
        return max(pool, key=lambda e: (len(e.tokens), -e.tokens[0]))

    def people(self) -> list[Entity]:
        return [e for e in self.entities if e.kind == "person" and e.tokens]

    def organisations(self) -> list[Entity]:
        return [e for e in self.entities if e.kind == "org" and e.tokens]


