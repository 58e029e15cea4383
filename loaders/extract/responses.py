"""Denials (full, partial, implicit) and other responses (apology, admission, no comment,
does not recall). Responses are never denials."""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders.extract.claims import Allegation, Denial, Response
from loaders.extract.context import Context
from loaders.extract.deps import child, is_negated, misconduct_clause, prep_object, word_in
from loaders.extract.lexicon import (
    ADMIT_WORDS,
    ALLEGATION_NOUNS,
    APOLOGY_WORDS,
    DENY_NOUNS,
    DENY_WORDS,
    FALSITY_WORDS,
    HOSTILE_WORDS,
    MISCONDUCT_WORDS,
    RESPONSE_NO_COMMENT,
    RESPONSE_RECALL,
    SAY_WORDS,
)
from loaders.extract.quote_denials import quote_denials
from loaders.extract.resolve import resolve, subject_of
from loaders.extract.response_helpers import (
    PRONOUN_OBJECTS,
    allegation_before,
    deny_object_ok,
    hedged,
    without,
)
from loaders.extract.response_lexicon import (
    DISMISSIVE_WORDS,
    EXTRA_NO_COMMENT,
    NO_BASIS_PHRASES,
    REJECT_OBJECT_LEMMAS,
    REJECT_VERB_LEMMAS,
)
from loaders.extract.speakers import SpeakerBase

# "denied receiving any money": what a bribe or a fraud is made of
CORRUPT_GAINS = {"money", "cash", "payment", "fund", "bribe", "kickback", "gift", "loan", "dime"}
PHRASE_PATTERNS = [
    ([re.compile(r"\b" + re.escape(p) + r"\b") for p in phrases], rtype)
    for phrases, rtype in (
        ([*RESPONSE_NO_COMMENT, *EXTRA_NO_COMMENT], "no_comment"),
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
                elif tok.pos_ == "VERB" and tok.lemma_.lower() in REJECT_VERB_LEMMAS:
                    self.reject(tok)
                elif tok.pos_ == "VERB" and tok.lemma_.lower() == "plead":
                    self.plea(tok)
                elif tok.pos_ == "VERB" and tok.lemma_.lower() == "push":
                    self.pushed_back(tok)
                elif tok.lower_ in DENY_NOUNS:
                    self.deny_noun(tok)
                elif tok.pos_ == "VERB" and tok.lemma_ == "call" and self.called(tok):
                    pass
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
        if is_negated(tok) or without(tok) or hedged(tok):
            return
        if child(tok, "nsubjpass", "auxpass") is not None:
            # "The allegations were denied by X"; "was denied a permit" is not a denial.
            agent = prep_object(tok, "by")
            target = child(tok, "nsubjpass")
            if agent is None or target is None or not deny_object_ok(target):
                return
            self.add_denial(agent, tok, list(tok.subtree), "full", "rule:denied-by", 0.85, target)
            return
        if tok.dep_ in {"amod", "compound"} or child(tok, "dative") is not None:
            return  # "denied claims" as a modifier; "denied him entry"
        obj = child(tok, "dobj")
        clause = child(tok, "ccomp", "xcomp")
        if obj is not None:
            if not deny_object_ok(obj):
                return
            conf = 0.9 if obj.lemma_.lower() not in PRONOUN_OBJECTS else 0.75
        elif clause is not None:
            obj, conf = clause, 0.85
            if not self.allegations and not (
                misconduct_clause(clause)
                or any(deny_object_ok(t) for t in clause.subtree if t.pos_ == "NOUN")
                or any(t.lemma_.lower() in CORRUPT_GAINS for t in clause.subtree)
                or any(
                    word_in(t, MISCONDUCT_WORDS) or word_in(t, HOSTILE_WORDS)
                    for t in clause.subtree
                )
            ):
                # "denied having any plans beyond a long nap", in a story accusing nobody
                conf = 0.6
        elif tok.dep_ == "relcl" and deny_object_ok(tok.head):
            obj, conf = None, 0.8  # "the allegations, which he denies"
        else:
            conf = 0.65  # "X has denied it" with the object elided: weaker
        self.add_denial(
            subject_of(tok),
            tok,
            [tok, *(obj.subtree if obj is not None else [])],
            "full",
            "rule:denied",
            conf,
            obj,
        )

    def reject(self, tok: Token) -> None:
        if is_negated(tok) or hedged(tok) or child(tok, "nsubjpass", "auxpass") is not None:
            return
        if tok.lemma_.lower() == "dismiss" and prep_object(tok, "as") is None:
            return  # "dismissed the claims as a shakedown", not a judge's "dismissed one claim"
        obj = child(tok, "dobj")
        if obj is None and tok.lemma_.lower() == "disagree":
            obj = prep_object(tok, "with")  # "strongly disagrees with the characterization"
        if obj is None or obj.lemma_.lower() not in REJECT_OBJECT_LEMMAS:
            return
        self.add_denial(
            subject_of(tok), tok, [tok, *obj.subtree], "full", "rule:rejected", 0.8, obj
        )

    def plea(self, tok: Token) -> None:
        """'X pleaded not guilty': a full denial of the charges; 'pleaded guilty' admits them."""
        after = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 3]]
        if hedged(tok) or is_negated(tok):
            return
        if after[:1] == ["guilty"]:
            self.add_response(
                subject_of(tok), tok, list(tok.subtree), "admission", "rule:pleaded-guilty", 0.8
            )
            return
        if after != ["not", "guilty"] and after[:1] != ["innocent"]:
            return
        self.add_denial(
            subject_of(tok), tok, list(tok.subtree), "full", "rule:pleaded-not-guilty", 0.85
        )

    def pushed_back(self, tok: Token) -> None:
        """'X pushed back on the allegations'."""
        if not any(c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in tok.children):
            return
        obj = prep_object(tok, "on", "against")
        if obj is None or obj.lemma_.lower() not in REJECT_OBJECT_LEMMAS or is_negated(tok):
            return
        self.add_denial(
            subject_of(tok), tok, [tok, *obj.head.subtree], "full", "rule:pushed-back", 0.75, obj
        )

    def called(self, tok: Token) -> bool:
        """'called the report "a reckless attempt"', 'calling them "a coordinated smear"'."""
        obj = child(tok, "dobj")
        oprd = child(tok, "oprd", "xcomp", "ccomp")
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if oprd is None and len(objects) > 1:
            oprd = objects[-1]  # 'called those accounts "recycled gossip"' parsed as two objects
        if obj is None or oprd is None or is_negated(tok):
            return False
        if obj.lemma_.lower() not in REJECT_OBJECT_LEMMAS | {"they", "them", "it"}:
            return False
        if obj.lower_ in {"them", "it"} and not allegation_before(tok):
            return False
        words = {t.lower_ for t in oprd.subtree}
        if not words & DISMISSIVE_WORDS:
            return False
        self.add_denial(
            subject_of(tok), tok, [tok, *obj.subtree, *oprd.subtree], "full", "rule:called", 0.8
        )
        return True

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
            if head is None or is_negated(head) or is_negated(tok):
                return  # "I'm not sorry I signed it"
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
            for m in (m for pattern in patterns for m in pattern.finditer(text)):
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
                for anc in list(verb.ancestors)[:4]:
                    subj = subj or subject_of(anc)  # "agreed to pay ... without admitting"
                self.add_response(subj, verb, list(verb.subtree), rtype, f"rule:{rtype}", 0.85)


def find_responses(
    ctx: Context, allegations: list[Allegation]
) -> tuple[list[Denial], list[Response]]:
    finder = ResponseFinder(ctx, allegations)
    finder.run()
    quote_denials(finder)
    _gate(finder)
    return _dedupe_denials(finder.denials), _dedupe_responses(finder.responses)


def _gate(finder: ResponseFinder) -> None:
    """Only the accused (or whoever speaks for them) denies or answers: anyone else's
    'denial' or 'could not be reached' becomes a review candidate (confidence < 0.6)."""
    accused = finder.accused_names()
    accusers = {e.name for a in finder.allegations for e in a.accusers}
    for d in finder.denials:
        if d.denier.name not in accused and d.accused.name not in accused:
            d.confidence = min(d.confidence, 0.5)
        # "Ashby, who accused Pike, denied that she had been paid": an accuser nobody here
        # accuses denies something else, not an allegation.
        if (
            d.denier.name in accusers
            and d.denier.name not in finder.accused
            and (d.accused is d.denier or d.accused.name in accusers)
            and _about_own_account(finder, d)
        ):
            d.confidence = min(d.confidence, 0.4)
    # An accused person's employer answering ("a Quillpath spokesman declined to comment").
    employers = {org.name for name, (org, _) in finder.employers().items() if name in accused}
    # "Achterfeld did not respond": a representative named earlier answers for the principal.
    reps = {
        d.via.name: (d.denier, d.via_role)
        for d in [*finder.denials, *finder.responses]
        if d.via is not None and getattr(d, "denier", None) is not None
    }
    for r in finder.responses:
        if r.responder.name in reps and r.via is None:
            principal, role = reps[r.responder.name]
            r.via, r.via_role, r.responder, r.accused = r.responder, role, principal, principal
        names = {r.responder.name, r.accused.name if r.accused else ""}
        if names & accused:
            continue
        if id(r) in finder.for_someone:
            r.confidence = min(r.confidence, 0.65)  # "Koenig's representatives did not ..."
            continue
        if r.type == "does_not_recall" and not names & accusers and finder.allegations:
            continue  # not remembering answers a question about the events
        if names & employers and r.type == "no_comment":
            r.confidence = min(r.confidence, 0.65)
            continue
        r.confidence = min(r.confidence, 0.5)


_OWN_ACCOUNT = re.compile(
    r"\b(paid|her story|his story|their story|her account|his account|came forward|"
    r"come forward|motive|lying|made (it|this) up|fabricat)", re.IGNORECASE)


def _about_own_account(finder: ResponseFinder, d: Denial) -> bool:
    """Whether an accuser's denial is about her own account ('denied she had been paid for
    her story', or naming whom she accuses), not about a charge against her that we missed."""
    sent = finder.ctx.text[d.start : d.end]
    if _OWN_ACCOUNT.search(sent):
        return True
    targets = [a.accused.name for a in finder.allegations
               if d.denier.name in {e.name for e in a.accusers}]
    return any(word in sent for name in targets for word in name.split() if len(word) > 2)


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
