"""The affiliation family (person, role, organisation), as registered rules.

"Gordon Pike, the orchestra's former personnel manager"; "Raymond Kessel, the billionaire owner
of the Silverline Grand casino"; "A spokeswoman for the Kestrel Bay Symphony, Camille
Ostrander"; "Grayfin's founder, Declan Moorcroft"."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from loaders.extract.context import Context
from loaders.extract.deps import child
from loaders.extract.mentions import Entity
from loaders.extract.registry import Example, Rule, register
from loaders.extract.resolve import resolve

FAMILY = "affiliation"
Add = Callable[[str, dict[str, Entity], str, list[Token], Token, str, float], None]
ORG_PREPS = {"of", "at", "for", "with"}


def _entity(ctx: Context, tok: Token | None, kind: str) -> Entity | None:
    ent = ctx.registry.entity_at(tok) if tok is not None else None
    return ent if ent is not None and ent.kind == kind else None


def _org_of(ctx: Context, role: Token) -> tuple[Entity | None, list[Token]]:
    """The organisation a role noun names: 'of/at/for/with ORG' or 'ORG's' / 'the station's'."""
    for prep in role.children:
        if prep.dep_ == "prep" and prep.lower_ in ORG_PREPS:
            obj = child(prep, "pobj")
            ent = _entity(ctx, obj, "org")
            if ent is None and obj is not None:
                ent = next((e for t in obj.subtree if (e := _entity(ctx, t, "org"))), None)
            if ent is not None and obj is not None:
                return ent, [prep, *obj.subtree]
    poss = child(role, "poss")
    if poss is not None:
        ent = _entity(ctx, poss, "org") or resolve(ctx, poss).entity
        if ent is not None and ent.kind == "org":
            return ent, list(poss.subtree)
    return None, []


def _holder(ctx: Context, role: Token, org_toks: list[Token]) -> Entity | None:
    """Who holds the role: the person it is set beside ('NAME, the R of ORG') or the person
    named after it ('ORG's R, NAME', 'R for ORG, NAME')."""
    if role.dep_ == "appos":
        return _entity(ctx, role.head, "person")
    named = _entity(ctx, child(role, "appos"), "person")
    if named is not None:
        return named
    # the first comma after the role (inside its phrase or just after it) opens the name
    span = {t.i for t in role.subtree} | {t.i for t in org_toks}
    doc = role.doc
    j = role.i + 1
    while j + 1 < len(doc) and (j in span or doc[j].text == ","):
        if doc[j].text == ",":
            return _entity(ctx, doc[j + 1], "person")
        j += 1
    return None


def _role_text(ctx: Context, role: Token) -> str:
    mods = [t.text for t in role.children if t.dep_ in {"amod", "compound"} and t.i < role.i
            and ctx.registry.entity_at(t) is None]
    return " ".join([*mods, role.text])


def role_at_org(tok: Token, rule: Rule, ctx: Context, add: Add) -> None:
    org, org_toks = _org_of(ctx, tok)
    if org is None:
        return
    person = _holder(ctx, tok, org_toks)
    if person is None:
        return
    toks = [*tok.subtree, *org_toks] + ([tok.head] if tok.dep_ == "appos" else [])
    add("affiliation", {"person": person, "organisation": org}, _role_text(ctx, tok), toks, tok,
        f"rule:{rule.id}", rule.confidence)


register(Rule(
    id="affiliation.role-at-org", family=FAMILY, handler=role_at_org,
    patterns=(({"POS": "NOUN", "LOWER": {"IN": "@affiliation_role_nouns"}},),),
    examples=(
        Example("Gordon Pike, the former personnel manager of the Kestrel Bay Symphony, "
                "declined to comment.", ("affiliation", "Gordon Pike", "Kestrel Bay Symphony")),
        Example("A spokeswoman for Halden Logistics, Camille Ostrander, said the claims were "
                "false.", ("affiliation", "Camille Ostrander", "Halden Logistics")),
        Example("Raymond Kessel, the billionaire owner of the Silverline Grand casino, denied it.",
                ("affiliation", "Raymond Kessel", "Silverline Grand")),
    ),
))
