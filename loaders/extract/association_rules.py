"""Person-to-person associations named by a role: "His attorney, Miriam Hale", "Franklin Oduya,
Voss's attorney", "A spokeswoman for Kessel, Abigail Strand", and a shared work: "Milano
co-starred in the series with Rose Martell"."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from loaders.extract.context import Context
from loaders.extract.lexicon import LAWYER_NOUNS, SPOKES_NOUNS
from loaders.extract.mentions import Entity
from loaders.extract.resolve import resolve, subject_of

# Who works for or beside one person, named next to that person.
ROLE_NOUNS = frozenset({
    "attorney", "lawyer", "solicitor", "publicist", "agent", "manager", "representative",
    "spokesman", "spokeswoman", "spokesperson", "co-anchor", "co-host", "co-presenter",
    "co-owner", "co-founder", "partner", "assistant", "aide", "wife", "husband", "mother",
    "father", "brother", "sister", "son", "daughter", "brother-in-law", "sister-in-law",
    "girlfriend", "boyfriend", "fiancée", "fiancé", "co-star", "friend",
})
# Verbs of a shared work; the partner comes after "with" (also inside "in the series with").
SHARED_WORK_VERBS = {"co-starred": "co-starred", "costarred": "co-starred",
                     "co-created": "co-created", "co-wrote": "co-wrote", "co-founded": "co-founded"}
CONFIDENCE = {"role": 0.75, "shared-work": 0.75}

Add = Callable[[str, dict[str, Entity], str, list[Token], Token, str, float], None]


def _person(ctx: Context, tok: Token | None) -> Entity | None:
    ent = ctx.registry.entity_at(tok) if tok is not None else None
    return ent if ent is not None and ent.kind == "person" else None


def _name_after_comma(ctx: Context, tok: Token) -> tuple[Entity, Token] | None:
    """The person named right after the noun phrase ending at `tok`'s subtree: 'R, NAME'."""
    end = max(t.i for t in tok.subtree)
    doc = tok.doc
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    first = doc[end + 2]
    ent = _person(ctx, first)
    return (ent, first) if ent is not None else None


def role_association(ctx: Context, tok: Token, add: Add) -> None:
    """'His attorney, NAME' / 'NAME, Voss's attorney' / 'A lawyer for X, NAME'."""
    low = tok.lower_
    if low not in ROLE_NOUNS and tok.lemma_ not in ROLE_NOUNS:
        return
    principal: Entity | None = None
    named: Entity | None = None
    if low in SPOKES_NOUNS or low in LAWYER_NOUNS:
        ref = resolve(ctx, tok)
        if ref.principal is not None and ref.principal.kind == "person" and ref.entities:
            principal, named = ref.principal, ref.entities[0]
    if principal is None:
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        principal = _person(ctx, poss) if poss is None or poss.pos_ != "PRON" else (
            resolve(ctx, poss).entity
        )
        if tok.dep_ == "appos":
            named = _person(ctx, tok.head)
        else:
            appos = next((c for c in tok.children if c.dep_ == "appos"), None)
            named = _person(ctx, appos)
            if named is None and (after := _name_after_comma(ctx, tok)) is not None:
                named = after[0]
    if principal is None or named is None or principal is named or principal.kind != "person":
        return
    toks = [*tok.subtree] + ([tok.head] if tok.dep_ == "appos" else [])
    add("association", {"a": principal, "b": named}, low, toks, tok, "rule:role-of-person",
        CONFIDENCE["role"])


def shared_work(ctx: Context, tok: Token, add: Add) -> None:
    """'Milano co-starred in the series with Rose Martell' (the parser splits 'co-starred')."""
    low = tok.lower_
    if low == "starred" and tok.i >= 2 and tok.doc[tok.i - 1].text == "-":
        low = tok.doc[tok.i - 2].lower_ + "-starred"
    if low not in SHARED_WORK_VERBS:
        return
    subj = subject_of(tok)
    a = resolve(ctx, subj).entity if subj is not None else None
    if a is None or a.kind != "person":
        a = _person(ctx, tok.head)  # "Milano co - starred" / "Koss, who co - starred": the name
    partner = next(
        (t for t in tok.subtree if t.lower_ == "with" and t.dep_ == "prep"
         and tok.i in (t.head.i, t.head.head.head.i)),
        None,
    )
    obj = next((c for c in partner.children if c.dep_ == "pobj"), None) if partner else None
    b = resolve(ctx, obj).entity if obj is not None else None
    if a is None or b is None or a.kind != "person" or b.kind != "person" or a is b:
        return
    toks = [t for t in tok.sent if t.i <= max(x.i for x in obj.subtree)] if obj else [tok]
    add("association", {"a": a, "b": b}, SHARED_WORK_VERBS[low], toks, tok,
        "rule:shared-work", CONFIDENCE["shared-work"])
