"""Word-order fallbacks for when the small parser mangles a clause ("allege" tagged as a noun).

They read the tokens left and right of a trigger word inside one clause, so they only fire
on the plain shapes "LEFT accuse(s) RIGHT of" and "LEFT allege(s) (that) RIGHT VERB"."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.context import Context
from loaders.extract.lexicon import DOCUMENT_NOUNS, PERSON_ROLE_NOUNS, PRONOUNS_PERSON
from loaders.extract.mentions import Entity
from loaders.extract.resolve import PRONOUN_GENDER, WRITINGS, Ref, antecedent, name_gender

SKIP_BEFORE = {
    "has",
    "have",
    "had",
    "also",
    "previously",
    "publicly",
    "now",
    "later",
    "since",
    "both",
    "each",
    "separately",
    "further",
    "all",
    "repeatedly",
    "formally",
}
BOUNDARY = {";", ":", "—", "–", "(", ")"}


def _mention_end_at(ctx: Context, i: int) -> tuple[int, Entity] | None:
    mention = ctx.registry.by_token.get(i)
    return (mention.start, mention.entity) if mention else None


def left_ref(ctx: Context, trigger: Token) -> Ref | None:  # noqa: C901
    """The accuser to the left of a trigger, or None when the clause shape is not plain."""
    doc = ctx.doc
    sent_start = trigger.sent.start
    i = trigger.i - 1
    while i >= sent_start and (doc[i].lower_ in SKIP_BEFORE or doc[i].pos_ == "ADV"):
        i -= 1
    if i < sent_start:
        return None
    if doc[i].lower_ == "who":
        j = i - 1
        if j >= sent_start and doc[j].text == ",":
            j -= 1
        hit = _mention_end_at(ctx, j) if j >= sent_start else None
        if hit is None:
            return None
        return Ref(entities=[hit[1]], tokens=list(doc[hit[0] : trigger.i + 1]))
    # Walk back to the clause start.
    k = i
    while (
        k > sent_start
        and doc[k - 1].text not in BOUNDARY
        and doc[k - 1].lower_ not in {"that", "which"}
    ):
        if doc[k - 1].text == "," and not (
            ctx.registry.by_token.get(k - 2) and doc[k].lower_ in {"and"}
        ):
            break
        k -= 1
    stretch = list(doc[k : i + 1])
    if not stretch:
        return None
    ents: list[Entity] = []
    for t in stretch:
        e = ctx.registry.entity_at(t)
        if e is not None and e not in ents:
            ents.append(e)
    nouns = [
        t for t in stretch if t.pos_ in {"NOUN", "PROPN"} and ctx.registry.entity_at(t) is None
    ]
    doc_noun = next(
        (t for t in nouns if t.lemma_ in DOCUMENT_NOUNS or t.lower_ in DOCUMENT_NOUNS), None
    )
    description = ctx.text[stretch[0].idx : stretch[-1].idx + len(stretch[-1].text)]
    if doc_noun is not None:
        orgs = [e for e in ents if e.kind == "org"]
        people = [e for e in ents if e.kind == "person"]
        words = {t.lower_ for t in stretch}
        if "by" in words and people:
            return Ref(entities=people, description=description, via="document", tokens=stretch)
        poss = next((c for c in doc_noun.children if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ in {"her", "his"} and doc_noun.lemma_ in WRITINGS:
            # "after her memoir accused him": only an author the given name marks as "her"
            author = antecedent(ctx, poss)
            if author is not None and name_gender(author) == PRONOUN_GENDER.get(poss.lower_):
                return Ref(entities=[author], via="document", tokens=stretch)
        return Ref(description=description, reported_by=orgs, via="document", tokens=stretch)
    if ents and all(
        ctx.registry.entity_at(t) is not None or t.lower_ in {"and", ","} or t.pos_ == "DET"
        for t in stretch
    ):
        return Ref(entities=ents, tokens=stretch)
    if not ents and nouns and stretch[-1] in nouns:
        return Ref(description=description, tokens=stretch)
    if len(stretch) == 1 and stretch[0].lower_ in PRONOUNS_PERSON:
        ent = antecedent(ctx, stretch[0])
        return Ref(entities=[ent] if ent else [], via="pronoun", tokens=stretch)
    return None


def right_ref(ctx: Context, trigger: Token, exclude: set[str]) -> tuple[Ref, int] | None:
    """The accused right after the trigger (skipping 'that'), and the index after it."""
    doc = ctx.doc
    i = trigger.i + 1
    end = trigger.sent.end
    if i < end and doc[i].lower_ == "that":
        i += 1
    if i >= end:
        return None
    mention = ctx.registry.by_token.get(i)
    if mention is not None:
        return Ref(entities=[mention.entity], tokens=list(doc[i : mention.end])), mention.end
    if doc[i].lower_ in PRONOUNS_PERSON:
        ent = antecedent(ctx, doc[i], exclude)
        return Ref(entities=[ent] if ent else [], via="pronoun", tokens=[doc[i]]), i + 1
    if doc[i].lower_ == "the":
        j = i + 1
        while (
            j < end
            and doc[j].pos_ in {"NOUN", "ADJ", "PROPN"}
            and ctx.registry.entity_at(doc[j]) is None
        ):
            j += 1
        if j > i + 1 and doc[j - 1].lower_ in PERSON_ROLE_NOUNS:
            person = ctx.registry.previous(i, "person", exclude) or ctx.registry.salient(
                "person", exclude
            )
            if person is not None:
                return Ref(entities=[person], via="role", tokens=list(doc[i:j])), j
    return None
