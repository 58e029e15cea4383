"""Small tests the denial rules share: is this what a denial denies, is the verb hedged."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.deps import misconduct_clause
from loaders.extract.lexicon import ALLEGATION_NOUNS
from loaders.extract.response_lexicon import DENY_OBJECT_LEMMAS, PAPER_CLAIM_MODIFIERS

PRONOUN_OBJECTS = {"it", "them", "this", "that", "these", "those", "which", "all", "everything"}


def deny_object_ok(obj: Token) -> bool:
    """Whether `obj` is something an accused party denies: allegations, wrongdoing, a role.
    'denied a permit', 'denied insurance claims', 'denied him entry' are not."""
    lemma = obj.lemma_.lower()
    if lemma not in DENY_OBJECT_LEMMAS and obj.lower_ not in DENY_OBJECT_LEMMAS:
        # "denied any conduct of a sexual nature": the object names the wrong itself
        return misconduct_clause(obj)
    if lemma == "which":
        return obj.head.dep_ == "relcl" and deny_object_ok(obj.head.head)
    mods = {c.lower_ for c in obj.children if c.dep_ in {"compound", "amod"}}
    return not mods & PAPER_CLAIM_MODIFIERS


def without(tok: Token) -> bool:
    """'without admitting or denying', 'neither admitted nor denied': not a denial."""
    cur: Token | None = tok
    for _ in range(3):
        if cur is None:
            break
        if any(c.lower_ in {"neither", "nor"} for c in cur.children):
            return True
        if cur.dep_ == "pcomp" and cur.head.lower_ == "without":
            return True
        if cur.dep_ != "conj":
            break
        cur = cur.head
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "nor"


def allegation_before(tok: Token) -> bool:
    """An allegation noun earlier in the sentence ('denied the claims, calling them ...')."""
    return any(t.lower_ in ALLEGATION_NOUNS for t in tok.sent if t.i < tok.i)


def hedged(tok: Token) -> bool:
    """'did not say whether it would contest', 'if he disputes': not a denial."""
    cur = tok
    for _ in range(4):
        if any(c.lower_ in {"whether", "if", "unless"} and c.dep_ == "mark" for c in cur.children):
            return True
        if cur.head == cur:
            return False
        cur = cur.head
        if any(c.dep_ == "neg" for c in cur.children):
            return True
    return False
