"""Denials (full, partial, implicit) and other responses (apology, admission, no comment,
does not recall). Responses are never denials."""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders.extract.claims import Allegation, Denial, Response
from loaders.extract.context import Context
from loaders.extract.deps import child, is_negated, prep_object, word_in
from loaders.extract.lexicon import (
    ADMIT_WORDS,
    ALLEGATION_NOUNS,
    APOLOGY_WORDS,
    DENY_NOUNS,
    DENY_WORDS,
    FALSITY_WORDS,
    MISCONDUCT_WORDS,
    REJECT_WORDS,
    RESPONSE_NO_COMMENT,
    RESPONSE_RECALL,
    SAY_WORDS,
)
from loaders.extract.resolve import resolve, subject_of
from loaders.extract.speakers import SpeakerBase

NO_BASIS_PHRASES = (
    "no record of",
    "no records of",
    "no knowledge of",
    "no evidence of",
    "no evidence that",
    "no truth to",
    "no basis for",
    "never happened",
    "did not happen",
    "didn't happen",
    "not true",
    "without merit",
    "no merit",
    "lacks merit",
    "lack merit",
)
PHRASE_PATTERNS = [
    ([re.compile(r"\b" + re.escape(p) + r"\b") for p in phrases], rtype)
    for phrases, rtype in (
        (RESPONSE_NO_COMMENT, "no_comment"),
        (RESPONSE_RECALL, "does_not_recall"),
    )
]


class ResponseFinder(SpeakerBase):
    # -- rules -------------------------------------------------------------------------------
    def run(self) -> None:
        for sent in self.ctx.sentences:
            if self.ctx.in_noise(sent):
                continue
            for tok in sent:
                if word_in(tok, DENY_WORDS) and tok.pos_ in {"VERB", "AUX"}:
                    self.deny(tok)
                elif word_in(tok, REJECT_WORDS) and tok.pos_ == "VERB":
                    self.reject(tok)
                elif tok.lower_ in DENY_NOUNS:
                    self.deny_noun(tok)
                elif tok.pos_ in {"VERB", "AUX"} and (
                    word_in(tok, SAY_WORDS) or tok.lemma_ == "call"
                ):
                    self.said_false(tok)
                if word_in(tok, APOLOGY_WORDS) and tok.pos_ in {"VERB", "ADJ", "NOUN"}:
                    self.apology(tok)
                elif word_in(tok, ADMIT_WORDS) and tok.pos_ == "VERB":
                    self.admission(tok)
            self.phrases(sent)

    def deny(self, tok: Token) -> None:
        if is_negated(tok):
            return
        if child(tok, "nsubjpass", "auxpass") is not None:
            agent = prep_object(tok, "by")
            if agent is None:
                return
            self.add_denial(
                agent,
                tok,
                list(tok.subtree),
                "full",
                "rule:denied-by",
                0.85,
                child(tok, "nsubjpass"),
            )
            return
        obj = child(tok, "dobj", "ccomp", "xcomp")
        self.add_denial(
            subject_of(tok),
            tok,
            [tok, *(obj.subtree if obj is not None else [])],
            "full",
            "rule:denied",
            0.9,
            obj,
        )

    def reject(self, tok: Token) -> None:
        obj = child(tok, "dobj")
        if (
            obj is None
            or obj.lemma_.lower()
            not in {a.rstrip("s") for a in ALLEGATION_NOUNS} | ALLEGATION_NOUNS
        ):
            return
        self.add_denial(
            subject_of(tok), tok, [tok, *obj.subtree], "full", "rule:rejected", 0.8, obj
        )

    def deny_noun(self, tok: Token) -> None:
        # "Weinstein's denial", "issued a denial"
        poss = child(tok, "poss")
        if poss is not None:
            self.add_denial(
                poss,
                tok,
                list(tok.head.subtree) if tok.dep_ == "dobj" else [tok],
                "full",
                "rule:denial-noun",
                0.7,
            )
        elif tok.dep_ == "dobj" and tok.head.lemma_ in {"issue", "release", "give", "offer"}:
            self.add_denial(
                subject_of(tok.head),
                tok,
                list(tok.head.subtree),
                "full",
                "rule:issued-denial",
                0.75,
            )

    def said_false(self, tok: Token) -> None:
        """'X said the allegations were false', 'X called the claims baseless', and first-person
        quoted denials ('"I never assaulted anyone," X said')."""
        if is_negated(tok):
            return
        ccomp = child(tok, "ccomp", "oprd", "dobj")
        if ccomp is None:
            return
        subj = subject_of(tok)
        if subj is None or self.ctx.quote_of(tok) is not None:
            return
        comps = [c for c in tok.children if c.dep_ in {"ccomp", "oprd", "dobj", "xcomp", "acomp"}]
        toks = [t for c in comps for t in c.subtree]
        words = {t.lower_ for t in toks}
        if words & ALLEGATION_NOUNS and words & FALSITY_WORDS:
            kind = "full" if tok.lemma_ == "call" else "implicit"
            self.add_denial(subj, tok, [tok, *toks], kind, "rule:called-false", 0.75)
            return
        # "X said she had no record of any such conversation": an implicit denial. Only an
        # accused party (or their representative) answering gets an edge; add_denial lowers
        # the confidence of anyone else below the review threshold.
        text = " ".join(t.lower_ for t in toks)
        if any(phrase in text for phrase in NO_BASIS_PHRASES):
            self.add_denial(subj, tok, [tok, *toks], "implicit", "rule:said-no-record", 0.7)
            return
        # Reported speech: "X said he never assaulted anyone"
        inner_subj = child(ccomp, "nsubj")
        if inner_subj is not None and word_in(ccomp, MISCONDUCT_WORDS) and is_negated(ccomp):
            speaker_ref = resolve(self.ctx, subj)
            inner = resolve(self.ctx, inner_subj)
            if inner.entity is not None and inner.entity is speaker_ref.entity:
                self.add_denial(subj, tok, [tok, *ccomp.subtree], "full", "rule:said-never", 0.75)

    def quoted_denials(self) -> None:
        for tok in self.ctx.doc:
            if tok.pos_ not in {"AUX", "VERB"}:
                continue
            subj = child(tok, "nsubj")
            if subj is None:
                continue
            quote = self.ctx.quote_of(tok)
            if quote is None or quote.start not in self.ctx.speakers or self.ctx.in_noise(tok):
                continue
            speaker = self.ctx.speakers[quote.start]
            false_claim = (
                tok.lemma_ == "be"
                and tok.pos_ == "AUX"
                and subj.lower_ in ALLEGATION_NOUNS
                and any(t.lower_ in FALSITY_WORDS for t in tok.sent)
            )
            first_person_never = (
                word_in(tok, MISCONDUCT_WORDS) and is_negated(tok) and subj.lower_ in {"i", "we"}
            )
            obj = child(tok, "dobj")
            deny_first = subj.lower_ in {"i", "we"} and (
                word_in(tok, DENY_WORDS)
                or (
                    word_in(tok, REJECT_WORDS)
                    and obj is not None
                    and obj.lemma_.lower() in ALLEGATION_NOUNS | {"claim", "allegation"}
                )
            )
            if not (false_claim or first_person_never or deny_first):
                continue
            accused = speaker
            start, end = self.ctx.cite(list(tok.subtree), tok)
            self.denials.append(
                Denial(
                    denier=speaker,
                    accused=accused,
                    kind="full" if deny_first else "implicit",
                    start=start,
                    end=end,
                    method="rule:quoted-denial",
                    confidence=0.7,
                    summary=self.ctx.text[start:end],
                )
            )

    def apology(self, tok: Token) -> None:
        if tok.pos_ == "NOUN":
            verb = tok.head if tok.dep_ == "dobj" else None
            if verb is None or verb.lemma_ not in {"issue", "offer", "make", "give", "post"}:
                return
            self.add_response(
                subject_of(verb), verb, list(verb.subtree), "apology", "rule:apology", 0.8
            )
            return
        if tok.pos_ == "ADJ":
            head = tok.head if tok.dep_ == "acomp" else None
            if head is None:
                return
            self.add_response(
                subject_of(head), head, list(head.subtree), "apology", "rule:sorry", 0.7
            )
            return
        if is_negated(tok):
            return
        self.add_response(
            subject_of(tok), tok, list(tok.subtree), "apology", "rule:apologized", 0.85
        )

    def admission(self, tok: Token) -> None:
        if is_negated(tok) or child(tok, "nsubjpass", "auxpass") is not None:
            return
        obj = child(tok, "dobj", "ccomp")
        if obj is None:
            return
        self.add_response(
            subject_of(tok), tok, list(tok.subtree), "admission", "rule:admitted", 0.7
        )

    def phrases(self, sent) -> None:  # type: ignore[no-untyped-def]
        text = self.ctx.text[sent.start_char : sent.end_char].lower()
        for patterns, rtype in PHRASE_PATTERNS:
            for pattern in patterns:
                m = pattern.search(text)
                if m is None:
                    continue
                span = self.ctx.doc.char_span(
                    sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand"
                )
                if span is None:
                    continue
                verb = next(
                    (t for t in span if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "neg"}),
                    span.root,
                )
                subj = subject_of(verb)
                if subj is None and verb.head is not verb:
                    subj = subject_of(verb.head)
                self.add_response(subj, verb, list(verb.subtree), rtype, f"rule:{rtype}", 0.85)
                break


def find_responses(
    ctx: Context, allegations: list[Allegation]
) -> tuple[list[Denial], list[Response]]:
    finder = ResponseFinder(ctx, allegations)
    finder.run()
    finder.quoted_denials()
    return _dedupe_denials(finder.denials), _dedupe_responses(finder.responses)


def _dedupe_denials(items: list[Denial]) -> list[Denial]:
    best: dict[tuple[str, str, int], Denial] = {}
    for d in items:
        key = (d.denier.name, d.accused.name, d.start)
        if key not in best or d.confidence > best[key].confidence:
            best[key] = d
    # Overlapping citations by the same denier describe one denial.
    out: list[Denial] = []
    for d in sorted(best.values(), key=lambda d: -d.confidence):
        if any(o.denier is d.denier and o.start < d.end and d.start < o.end for o in out):
            continue
        out.append(d)
    return sorted(out, key=lambda d: d.start)


def _dedupe_responses(items: list[Response]) -> list[Response]:
    out: list[Response] = []
    for r in items:
        if any(
            o.responder is r.responder and o.type == r.type and o.start < r.end and r.start < o.end
            for o in out
        ):
            continue
        out.append(r)
    return out
