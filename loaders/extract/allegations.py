"""Allegations: who accuses whom, matched on dependency structure around trigger words.

The rules live by construction family in accuse_rules, document_rules and speech_rules; this
module dispatches tokens to them and merges what they find."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.accuse_rules import AccuseRules
from loaders.extract.charge_rules import FINDING_VERBS
from loaders.extract.claims import Allegation
from loaders.extract.context import Context
from loaders.extract.deps import child, is_negated, word_in
from loaders.extract.document_rules import DocumentRules
from loaders.extract.lexicon import (
    ACCUSE_WORDS,
    ALLEGE_WORDS,
    CLAIM_VERBS,
    DENY_WORDS,
    DOCUMENT_NOUNS,
    REPORT_VERBS_OUTLET,
    SAY_WORDS,
    SUE_WORDS,
)
from loaders.extract.speech_rules import SpeechRules

WEAK_METHODS = {"rule:said-weak", "rule:said-that"}


class AllegationFinder(AccuseRules, DocumentRules, SpeechRules):
    def run(self) -> list[Allegation]:
        for sent in self.ctx.sentences:
            if self.ctx.in_noise(sent):
                continue
            for tok in sent:
                if is_negated(tok) or denied_act(tok) or nobody_does(tok):
                    continue
                self.dispatch(tok)
        self.quoted()
        self.told_of_being()
        self.corroborate()
        return self.found

    def dispatch(self, tok: Token) -> None:
        """Each trigger word to its rule; the word-order fallback only when 'accuse' or
        'allege' found nothing by the parse."""
        before = len(self.found)
        self.accuse_or_allege(tok)
        if len(self.found) == before and tok.lower_ in ACCUSE_WORDS | ALLEGE_WORDS:
            self.linear(tok)
        else:
            self.other_trigger(tok)

    def accuse_or_allege(self, tok: Token) -> None:
        if word_in(tok, ACCUSE_WORDS) and tok.pos_ in {"VERB", "AUX", "ADJ"}:
            self.accuse(tok)
        elif word_in(tok, ALLEGE_WORDS) and tok.pos_ in {"VERB", "AUX"} and tok.dep_ != "amod":
            self.allege(tok)

    def other_trigger(self, tok: Token) -> None:
        if word_in(tok, SUE_WORDS) and tok.pos_ == "VERB":
            self.sue(tok)
        elif tok.lemma_ == "file" and tok.pos_ == "VERB":
            self.file_suit(tok)
        elif tok.lower_ == "according":
            self.according(tok)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in {"allegation", "accusation", "claim"}:
            if not self.faces(tok):
                self.noun(tok)
        elif tok.pos_ == "NOUN" and tok.lower_ in {"accuser", "accusers"}:
            self.accuser_noun(tok)
        elif tok.pos_ == "VERB" and (self.official_act(tok) or self.reported_to(tok)):
            pass
        elif tok.pos_ == "VERB" and (
            word_in(tok, SAY_WORDS)
            or word_in(tok, REPORT_VERBS_OUTLET)
            or word_in(tok, CLAIM_VERBS)
        ):
            self.said(tok)

    def official_act(self, tok: Token) -> bool:
        """Charges, findings and positive tests; True when the token was one of those."""
        lemma = tok.lemma_.lower()
        before = len(self.found)
        if lemma in {"charge", "indict"} and (
            child(tok, "nsubjpass") is not None or (tok.dep_ == "acl" and tok.tag_ == "VBN")
        ):
            self.charged(tok)
        elif lemma in FINDING_VERBS and child(tok, "ccomp") is not None:
            self.found_that(tok)
        elif lemma == "test":
            self.tested_positive(tok)
        return len(self.found) > before

    def corroborate(self) -> None:
        """A weak account ('One said Y had screamed at her') against someone the article
        already accuses on firmer evidence is one of the accusations, not an aside."""
        firm = {a.accused.name for a in self.found if a.confidence >= 0.7}
        for a in self.found:
            if a.method in WEAK_METHODS and 0.4 <= a.confidence < 0.6 and a.accused.name in firm:
                a.confidence = round(min(a.confidence + 0.2, 0.65), 2)


def nobody_does(tok: Token) -> bool:
    """'Nobody is accusing the board', 'No one has alleged ...': a negative subject."""
    subj = child(tok, "nsubj")
    if subj is None:
        return False
    return subj.lower_ in {"nobody", "none", "neither"} or (
        subj.lower_ == "one" and any(c.lower_ == "no" for c in subj.children)
    )


def denied_act(tok: Token) -> bool:
    """'X denied ever accusing Y', 'X denies having accused Y': the act itself is denied."""
    head = tok.head
    return (
        tok.dep_ in {"xcomp", "dobj", "pcomp", "ccomp"}
        and head.i != tok.i
        and word_in(head, DENY_WORDS)
        and tok.tag_ == "VBG"
    )


def find_allegations(ctx: Context) -> list[Allegation]:
    found = AllegationFinder(ctx).run()
    return merge_allegations(found)


def merge_allegations(found: list[Allegation]) -> list[Allegation]:
    """One item per (accusers, accused, description); weak anonymous noun-rule items are dropped
    when a stronger allegation against the same person exists."""
    best: dict[tuple[object, ...], Allegation] = {}
    for a in found:
        key = (*a.key(), a.accuser_description if not a.accusers else None)
        if key not in best or a.confidence > best[key].confidence:
            best[key] = a
    items = list(best.values())
    strong_targets = {a.accused.name for a in items if a.method != "rule:allegations-against"}
    items = [
        a
        for a in items
        if not (
            a.method == "rule:allegations-against"
            and not a.accusers
            and a.accused.name in strong_targets
        )
    ]
    # "The report alleges ...": a document already introduced, restating a named party's
    # allegation, is not a separate anonymous accuser.
    named_targets = {a.accused.name for a in items if a.accusers}
    items = [
        a
        for a in items
        if a.accusers
        or a.accused.name not in named_targets
        or not refers_back_to_document(a.accuser_description)
    ]
    # Anonymous items against the same person collapse to the best one.
    out: list[Allegation] = []
    seen_anon: set[str] = set()
    for a in sorted(items, key=lambda a: -a.confidence):
        if not a.accusers:
            if a.accused.name in seen_anon:
                continue
            seen_anon.add(a.accused.name)
        out.append(a)
    return sorted(out, key=lambda a: a.start)


def refers_back_to_document(description: str | None) -> bool:
    """'The 38-page report', 'the complaint': a definite document noun phrase."""
    if not description:
        return False
    words = description.lower().replace(",", " ").split()
    return words[0] in {"the", "this", "that"} and any(w in DOCUMENT_NOUNS for w in words[:6])
