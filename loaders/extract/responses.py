"""Denials (full, partial, implicit) and other responses (apology, admission, no comment,
does not recall). Responses are never denials."""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders.extract.allegations import child, is_negated, prep_object, subtree_text, word_in
from loaders.extract.claims import Allegation, Denial, Response
from loaders.extract.context import Context
from loaders.extract.lexicon import (
    ADMIT_WORDS,
    ALLEGATION_NOUNS,
    APOLOGY_WORDS,
    DENY_NOUNS,
    DENY_WORDS,
    FALSITY_WORDS,
    LAWYER_NOUNS,
    MISCONDUCT_WORDS,
    REJECT_WORDS,
    RESPONSE_NO_COMMENT,
    RESPONSE_RECALL,
    SAY_WORDS,
    SPOKES_NOUNS,
)
from loaders.extract.mentions import Entity
from loaders.extract.resolve import Ref, resolve, role_phrase, subject_of

PARTIAL_MARKERS = (
    "some of",
    "parts of",
    "part of",
    "certain",
    "many of",
    "most of",
    "non-consensual",
    "nonconsensual",
    "the specific",
    "characterization",
    "characterisation",
)


PHRASE_PATTERNS = [
    ([re.compile(r"\b" + re.escape(p) + r"\b") for p in phrases], rtype)
    for phrases, rtype in (
        (RESPONSE_NO_COMMENT, "no_comment"),
        (RESPONSE_RECALL, "does_not_recall"),
    )
]


def via_of(ref: Ref, party: Entity) -> tuple[Entity | None, str | None]:
    """(named representative, their role) when `ref` speaks for `party` through someone."""
    if ref.via not in {"lawyer", "spokesperson"} or ref.principal is None:
        return None, None
    named = ref.entity if ref.entity is not None and ref.entity is not party else None
    return named, ref.role


class ResponseFinder:
    def __init__(self, ctx: Context, allegations: list[Allegation]) -> None:
        self.ctx = ctx
        self.allegations = allegations
        self.accused = {a.accused.name for a in allegations}
        self.denials: list[Denial] = []
        self.responses: list[Response] = []

    # -- who ---------------------------------------------------------------------------------
    def speaker(self, tok: Token | None) -> tuple[Entity | None, Entity | None, Ref]:
        """(denier, accused) for a subject: a named lawyer speaks (denier) for a client (accused);
        an unnamed spokesperson's principal is the denier."""
        through = self.through_representative(tok)
        if through is not None:
            return through.principal, through.principal, through
        ref = resolve(self.ctx, tok)
        if tok is not None and tok.lower_ in {"i", "me", "we"} and ref.entity is None:
            return None, None, ref
        if tok is not None and tok.lower_ in {"client", "clients"}:
            # "his client denies ...": the client of the lawyer who is speaking.
            say = next((a for a in tok.ancestors if word_in(a, SAY_WORDS)), None)
            outer = resolve(self.ctx, subject_of(say)) if say is not None else None
            if outer is not None and outer.principal is not None:
                return outer.principal, outer.principal, ref
        # A spokesperson or lawyer speaks for a principal: the principal denies.
        denier = ref.principal or ref.entity
        if denier is None:
            return None, None, ref
        return denier, denier, ref

    def through_representative(self, subj: Token | None) -> Ref | None:
        """'Through his lawyer, Harriet Quayle, Venturini rejected ...': Venturini speaks via
        the lawyer, whichever of the two names the parser made the subject."""
        if subj is None:
            return None
        verb = subj.head
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "through"), None)
        role = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if role is None or not (role.lower_ in SPOKES_NOUNS or role.lemma_ in SPOKES_NOUNS):
            return None
        reg = self.ctx.registry
        # "X, Y rejected" is parsed as appos, or as conj when no "and" joins them.
        deps = {"appos"} if any(c.dep_ == "cc" for c in subj.children) else {"appos", "conj"}
        named = [reg.entity_at(subj)]
        named += [reg.entity_at(c) for c in subj.children if c.dep_ in deps]
        named += [reg.entity_at(c) for c in role.children if c.dep_ == "appos"]
        ents = [e for e in named if e is not None]
        # The representative is the name right after "lawyer,"; the other one is the principal.
        doc = role.doc
        comma = role.i + 1 < len(doc) and doc[role.i + 1].text == ","
        rep = reg.entity_at(doc[role.i + 2]) if comma and role.i + 2 < len(doc) else None
        principals = [e for e in ents if e is not rep]
        if not principals:
            return None
        via = "lawyer" if role.lemma_ in LAWYER_NOUNS or role.lower_ in LAWYER_NOUNS else (
            "spokesperson"
        )
        return Ref(
            entities=[rep] if rep is not None else [principals[0]],
            principal=principals[0],
            via=via,
            tokens=[*prep.subtree, *subj.subtree],
            role=role_phrase(role),
        )

    def _principal_for_quote(self, tok: Token) -> Entity | None:
        quote = self.ctx.quote_of(tok)
        return self.ctx.speakers.get(quote.start) if quote else None

    def _accused_from_target(self, accused: Entity, obj: Token | None, denier: Entity) -> Entity:
        if obj is None:
            return accused
        target = prep_object(obj, "against")
        if target is not None:
            ref = resolve(self.ctx, target)
            if ref.entity is not None:
                return ref.entity
        return accused

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

    def add_denial(
        self,
        subj: Token | None,
        anchor: Token,
        toks: list[Token],
        kind: str,
        method: str,
        conf: float,
        obj: Token | None = None,
    ) -> None:
        denier, accused, ref = self.speaker(subj)
        if denier is None or accused is None:
            return
        accused = self._accused_from_target(accused, obj, denier)
        by = None
        if obj is not None:
            poss = child(obj, "poss")
            if poss is not None:
                by = resolve(self.ctx, poss, {accused.name}).entity
        if by is accused:
            by = None
        start, end = self.ctx.cite(
            [*(ref.tokens if ref.tokens and ref.tokens[0].sent == anchor.sent else []), *toks],
            anchor,
        )
        quote = self.ctx.text[start:end].lower()
        if kind == "full" and any(m in quote for m in PARTIAL_MARKERS):
            kind = "partial"
        if kind == "full" and any(
            w in anchor.sent.text.lower() for w in ("apolog", "sorry", " but ")
        ):
            kind = "partial"
        if accused.name not in self.accused and ref.via not in {"lawyer", "spokesperson"}:
            conf -= 0.2  # a denial with no allegation to answer in this article
        via, via_role = via_of(ref, denier)
        self.denials.append(
            Denial(
                denier=denier,
                accused=accused,
                kind=kind,
                start=start,
                end=end,
                method=method,
                confidence=round(conf, 2),
                summary=subtree_text(self.ctx, obj)
                if obj is not None
                else self.ctx.text[start:end],
                denies_allegation_by=by,
                via=via,
                via_role=via_role,
            )
        )

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
            deny_first = word_in(tok, DENY_WORDS) and subj.lower_ in {"i", "we"}
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

    # -- other responses ---------------------------------------------------------------------
    def add_response(
        self,
        subj: Token | None,
        anchor: Token,
        toks: list[Token],
        rtype: str,
        method: str,
        conf: float,
    ) -> None:
        if subj is None:
            return
        if subj.lower_ in {"i", "we"}:
            responder = self._principal_for_quote(subj)
            ref = Ref(entities=[responder] if responder else [])
            accused = responder
        else:
            responder, accused, ref = self.speaker(subj)
        if responder is None:
            return
        start, end = self.ctx.cite(
            [*(ref.tokens if ref.tokens and ref.tokens[0].sent == anchor.sent else []), *toks],
            anchor,
        )
        via, via_role = via_of(ref, responder)
        self.responses.append(
            Response(
                responder=responder,
                type=rtype,
                accused=accused,
                start=start,
                end=end,
                method=method,
                confidence=conf,
                summary=self.ctx.text[start:end],
                via=via,
                via_role=via_role,
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
