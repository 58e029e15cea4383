"""The association family (person to person), as registered rules: each a trigger pattern,
a handler, a base confidence (data/confidences.json) and the sentences it exists for.

"His attorney, Miriam Hale" / "Franklin Oduya, Voss's attorney" / "A spokeswoman for Kessel,
Abigail Strand"; "Milano co-starred in the series with Rose Martell"; "Tessa Wren married Colin
Ashe"; "Colin Ashe's wife, Tessa Wren"."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from loaders.extract.context import Context
from loaders.extract.deps import child, prep_object
from loaders.extract.lexicon import LAWYER_NOUNS, SPOKES_NOUNS
from loaders.extract.mentions import Entity
from loaders.extract.registry import Example, Rule, glossary, register
from loaders.extract.resolve import resolve, subject_of

FAMILY = "association"
Add = Callable[[str, dict[str, Entity], str, list[Token], Token, str, float], None]


def _person(ctx: Context, tok: Token | None) -> Entity | None:
    ent = ctx.registry.entity_at(tok) if tok is not None else None
    return ent if ent is not None and ent.kind == "person" else None


def _associate(add: Add, rule: Rule, a: Entity | None, b: Entity | None, detail: str,
               toks: list[Token], anchor: Token) -> None:
    if a is None or b is None or a is b or a.kind != "person" or b.kind != "person":
        return
    add("association", {"a": a, "b": b}, detail, toks, anchor, f"rule:{rule.id}",
        rule.confidence)


def _name_after_comma(ctx: Context, tok: Token) -> Entity | None:
    """The person named right after the noun phrase ending at `tok`'s subtree: 'R, NAME'."""
    end = max(t.i for t in tok.subtree)
    doc = tok.doc
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    return _person(ctx, doc[end + 2])


def _represented(ctx: Context, tok: Token) -> tuple[Entity | None, Entity | None]:
    """(principal, named) for a spokesperson or lawyer noun, as the response rules read it."""
    ref = resolve(ctx, tok)
    if ref.principal is not None and ref.principal.kind == "person" and ref.entities:
        return ref.principal, ref.entities[0]
    return None, None


def role_of_person(tok: Token, rule: Rule, ctx: Context, add: Add) -> None:
    principal, named = (None, None)
    if tok.lower_ in SPOKES_NOUNS or tok.lower_ in LAWYER_NOUNS:
        principal, named = _represented(ctx, tok)
    if principal is None:
        poss = child(tok, "poss")
        principal = resolve(ctx, poss).entity if poss is not None and poss.pos_ == "PRON" else (
            _person(ctx, poss))
        if tok.dep_ == "appos":
            named = _person(ctx, tok.head)
        else:
            named = _person(ctx, child(tok, "appos")) or _name_after_comma(ctx, tok)
    toks = [*tok.subtree] + ([tok.head] if tok.dep_ == "appos" else [])
    _associate(add, rule, principal, named, tok.lower_, toks, tok)


def shared_work(tok: Token, rule: Rule, ctx: Context, add: Add) -> None:
    low = tok.lower_
    if low == "starred":
        low = "co-starred"  # the parser splits "co-starred" into "co - starred"
    subj = subject_of(tok)
    a = resolve(ctx, subj).entity if subj is not None else None
    if a is None or a.kind != "person":
        a = _person(ctx, tok.head)  # "Milano co - starred" / "Koss, who co - starred"
    partner = next((t for t in tok.subtree if t.lower_ == "with" and t.dep_ == "prep"
                    and tok.i in (t.head.i, t.head.head.head.i)), None)
    obj = child(partner, "pobj") if partner is not None else None
    if obj is None:
        return
    b = resolve(ctx, obj).entity
    toks = [t for t in tok.sent if t.i <= max(x.i for x in obj.subtree)]
    _associate(add, rule, a, b, glossary("shared_work_verbs").get(low, low), toks, tok)


def association_verb(tok: Token, rule: Rule, ctx: Context, add: Add) -> None:
    subj = subject_of(tok)
    other = prep_object(tok, "with") or child(tok, "dobj")
    if subj is None or other is None:
        return
    a, b = resolve(ctx, subj).entity, resolve(ctx, other).entity
    _associate(add, rule, a, b, glossary("association_verbs")[tok.lower_],
               [subj, tok, *other.subtree], tok)


def family_possessive(tok: Token, rule: Rule, ctx: Context, add: Add) -> None:
    poss = child(tok, "poss")
    person = _person(ctx, poss)
    if poss is None or person is None:
        return
    other_tok = child(tok, "appos", "compound")
    other = _person(ctx, other_tok)
    if other is None and tok.dep_ == "appos":
        other = _person(ctx, tok.head)
    toks = [poss, tok, *(other_tok.subtree if other_tok is not None else [tok.head])]
    _associate(add, rule, person, other, tok.text, toks, poss)


NOUN = {"POS": {"IN": ["NOUN", "PROPN"]}}

register(Rule(
    id="association.role-of-person", family=FAMILY, handler=role_of_person,
    patterns=(({**NOUN, "LOWER": {"IN": "@association_role_nouns"}},),
              ({**NOUN, "LEMMA": {"IN": "@association_role_nouns"}},)),
    examples=(
        Example("Nora Pell accused the chef Ivo Lund of groping her. His attorney, Miriam "
                "Okafor-Hale, said the claim was false.",
                ("association", "Ivo Lund", "Miriam Okafor-Hale")),
        Example("Pia Voss denied the claims. Franklin Oduya, Voss's attorney, called them false.",
                ("association", "Pia Voss", "Franklin Oduya")),
    ),
))
register(Rule(
    id="association.shared-work", family=FAMILY, handler=shared_work,
    patterns=(({"LOWER": {"IN": "@shared_work_verbs"}},),
              ({"LOWER": "co"}, {"ORTH": "-"}, {"LOWER": "starred"})),
    anchor=-1,
    examples=(
        Example("Dana Milano co-starred in the series with Rose Martell.",
                ("association", "Dana Milano", "Rose Martell")),
        Example("Nina Koss, who co-starred with Jill Faber in a 2011 play, accused Paul Renn of "
                "harassment.", ("association", "Nina Koss", "Jill Faber")),
    ),
))
register(Rule(
    id="association.verb", family=FAMILY, handler=association_verb,
    patterns=(({"POS": "VERB", "LOWER": {"IN": "@association_verbs"}},),),
    examples=(
        Example("Tessa Wren married Colin Ashe in 2015.",
                ("association", "Tessa Wren", "Colin Ashe")),
    ),
))
register(Rule(
    id="association.family-possessive", family=FAMILY, handler=family_possessive,
    patterns=(({"LOWER": {"IN": "@family_nouns"}},),),
    examples=(
        Example("Colin Ashe's wife, Tessa Wren, declined to comment.",
                ("association", "Colin Ashe", "Tessa Wren")),
    ),
))
