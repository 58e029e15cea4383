"""Denials spoken in quotations: '"I never touched anyone," he said', '"Mr. X has never
touched a model without her consent," said his lawyer', '"These claims are categorically
false," said the company's chief executive'. The denier is the party the speaker speaks for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from loaders.extract.attribution import continued_speaker, speaker_of
from loaders.extract.claims import Denial
from loaders.extract.lexicon import ALLEGATION_NOUNS, FALSITY_WORDS, MISCONDUCT_WORDS
from loaders.extract.mentions import Entity
from loaders.extract.resolve import Ref, resolve, subject_of
from loaders.extract.response_helpers import deny_object_ok
from loaders.extract.response_lexicon import (
    NO_BASIS_PHRASES,
    NOT_DENIAL_VERBS,
    NOT_LIKE_ME,
    PRINCIPAL_WORDS,
    REJECT_OBJECT_LEMMAS,
    REJECT_VERB_LEMMAS,
)
from loaders.extract.speakers import via_of

if TYPE_CHECKING:
    from loaders.extract.speakers import SpeakerBase

REPS = {"lawyer", "spokesperson"}
NEGATIONS = {"not", "n't", "never", "no"}


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children)


def _subject_party(finder: SpeakerBase, subj: Token, denier: Entity, ref: Ref) -> Entity | None:
    """Who the quoted clause's subject is, when it is the party the speaker answers for."""
    low = subj.lower_
    rep = ref.via in REPS
    if low in {"i", "me"}:
        return None if rep else denier
    if low == "we":
        return denier if (not rep or denier.kind == "org") else None
    if low in PRINCIPAL_WORDS:
        return denier if rep else None
    ent = finder.ctx.registry.entity_at(subj)
    if ent is None and subj.pos_ == "NOUN":
        ent = resolve(finder.ctx, subj).entity
    if ent is None:
        return None
    if ent is denier or ent.name in finder.accused_names():
        return ent
    return None


def _cue(finder: SpeakerBase, toks: Span, denier: Entity, ref: Ref) -> tuple | None:
    """(party, anchor, tokens, kind, confidence) of the first denial cue in the quote."""
    text = toks.text.lower()
    for tok in toks:
        # '"We reject these claims," Preston said'; '"I deny it"'
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        lemma = tok.lemma_.lower()
        if (
            tok.pos_ == "VERB"
            and not _negated(tok)
            and (
                (
                    lemma in REJECT_VERB_LEMMAS
                    and obj is not None
                    and obj.lemma_.lower() in REJECT_OBJECT_LEMMAS
                )
                or (lemma == "deny" and (obj is None or deny_object_ok(obj)))
            )
        ):
            subj = subject_of(tok)
            party = _subject_party(finder, subj, denier, ref) if subj is not None else None
            if party is not None:
                return party, tok, list(tok.subtree), "full", 0.8
        if tok.pos_ not in {"VERB", "AUX"} or not _negated(tok):
            continue
        if tok.lemma_.lower() in NOT_DENIAL_VERBS or tok.dep_ in {"xcomp", "advcl"}:
            continue
        subj = subject_of(tok)
        if subj is None:
            continue
        party = _subject_party(finder, subj, denier, ref)
        if party is None:
            continue
        strong = tok.lower_ in MISCONDUCT_WORDS or finder.alleged_verb(tok)
        return party, tok, list(tok.subtree), "full", 0.75 if strong else 0.65
    allegation_subject = any(
        t.lower_ in ALLEGATION_NOUNS and t.dep_ in {"nsubj", "nsubjpass"} for t in toks
    )
    if allegation_subject and any(t.lower_ in FALSITY_WORDS for t in toks):
        return denier, toks.root, list(toks), "full", 0.75
    for phrase in NO_BASIS_PHRASES:
        if phrase in text:
            return denier, toks.root, list(toks), "implicit", 0.65
    if any(p in text for p in NOT_LIKE_ME) and ref.via not in {"document"}:
        return denier, toks.root, list(toks), "implicit", 0.62
    return None


def quote_denials(finder: SpeakerBase) -> None:
    ctx = finder.ctx
    doubles = [q for q in ctx.quotes if not any(o.start < q.start < o.end for o in ctx.quotes)]
    for q in doubles:
        if ctx.layout.is_noise(q.start, q.end):
            continue
        _, verb = speaker_of(ctx, q.start, q.end)
        if verb is None:
            _, verb = continued_speaker(ctx, q.start)
        if verb is None:
            continue
        denier, _, ref = finder.speaker(subject_of(verb))
        if denier is None:
            continue
        via, via_role = via_of(ref, denier)
        denier, via, via_role = finder.for_employer(denier, via, via_role)
        lo, hi = q.inner
        span = ctx.doc.char_span(lo, hi, alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        for sent in {t.sent.start: t.sent for t in span}.values():
            toks = ctx.doc[max(sent.start, span.start) : min(sent.end, span.end)]
            if len(toks) == 0:
                continue
            cue = _cue(finder, toks, denier, ref)
            if cue is None:
                continue
            party, anchor, cited, kind, conf = cue
            if party is not denier:
                via, via_role = None, None
            start, end = _clip(ctx.text, q, *ctx.cite(cited, anchor))
            finder.denials.append(
                Denial(
                    denier=party,
                    accused=party,
                    kind=kind,
                    start=start,
                    end=end,
                    method="rule:quoted-denial",
                    confidence=conf,
                    summary=ctx.text[start:end],
                    via=via,
                    via_role=via_role,
                )
            )
            break


def _clip(text: str, q, start: int, end: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    lo, hi = q.inner
    start, end = max(start, lo), min(end, hi)
    while start < end and text[start] in " ,;:":
        start += 1
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return start, end
