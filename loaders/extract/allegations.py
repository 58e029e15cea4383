"""Allegation rules: who accuses whom, matched on dependency structure around trigger words."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from loaders.extract.claims import Allegation
from loaders.extract.context import Context
from loaders.extract.lexicon import (
    ACCUSE_WORDS,
    ALLEGE_WORDS,
    CLAIM_VERBS,
    DOCUMENT_NOUNS,
    FIRST_PERSON,
    MISCONDUCT_WORDS,
    REPORT_VERBS_OUTLET,
    SAY_WORDS,
    SUE_WORDS,
)
from loaders.extract.mentions import Entity
from loaders.extract.resolve import Ref, antecedent, resolve, subject_of
from loaders.extract.surface import left_ref, right_ref

OUTLET_WORDS = (
    "times",
    "post",
    "news",
    "journal",
    "magazine",
    "new yorker",
    "reuters",
    "associated press",
    "bbc",
    "cnn",
    "nbc",
    "cbs",
    "abc",
    "guardian",
    "tribune",
    "herald",
    "gazette",
    "telegraph",
    "daily",
    "weekly",
    "radio",
    "tv",
    "press",
    "chronicle",
    "bloomberg",
    "axios",
    "politico",
    "buzzfeed",
    "vox",
    "variety",
    "hollywood reporter",
    "deadline",
    "vanity fair",
    "atlantic",
    "globe",
    "observer",
)
VICTIM_PRONOUNS = {"her", "him", "me", "them", "us", "she", "he", "i"}
WRONG_STEMS = (
    "sexual",
    "grop",
    "harass",
    "assault",
    "rape",
    "raping",
    "inappropriate",
    "explicit",
    "unwanted",
    "abus",
    "fraud",
    "inflat",
    "threat",
    "brib",
    "kickback",
    "embezzl",
    "molest",
    "fondl",
    "without her consent",
    "without his consent",
    "retaliat",
)
LAWSUIT_NOUNS = {"lawsuit", "suit", "complaint", "claim", "charges", "case", "petition", "action"}


def is_outlet(ctx: Context, ent: Entity) -> bool:
    name = ent.name.lower()
    outlet = str(ctx.doc.user_data.get("outlet") or "").lower()
    return ent.kind == "org" and (
        any(w in name for w in OUTLET_WORDS) or (outlet != "" and name == outlet)
    )


def word_in(tok: Token, words: set[str]) -> bool:
    return tok.lower_ in words or tok.lemma_.lower() in words


def misconduct_clause(verb: Token) -> bool:
    """A clause whose words name wrongdoing ("made sexual comments", "threatened to cut")."""
    text = " ".join(t.lower_ for t in verb.subtree)
    return any(stem in text for stem in WRONG_STEMS)


def broken_subject(subj: Token) -> bool:
    """A subject noun phrase glued to a preceding word tagged VERB ("the payments startup
    Quillpath has accused", with "startup" parsed as the main verb): the parse is broken and
    the real subject is probably a longer phrase to the left."""
    first = min(subj.subtree, key=lambda t: t.i)
    if first.i == 0:
        return False
    before = subj.doc[first.i - 1]
    return before.pos_ == "VERB" and before.sent == subj.sent and before.dep_ == "ROOT"


JOKE_WORDS = {"joked", "joking", "jokingly", "quipped", "teased", "teasing", "laughter", "jest"}


def mocking(ctx: Context, tok: Token, of: Token) -> bool:
    """'accused X of "trying to buy the whole harbor"': the charge is a quotation naming no
    wrongdoing, or the sentence says it was a joke."""
    if any(t.lower_ in JOKE_WORDS for t in tok.sent):
        return True
    toks = list(of.subtree)
    quoted = all(ctx.quote_of(t) is not None or t.is_punct for t in toks[1:] or toks)
    text = " ".join(t.lower_ for t in toks)
    wrong = any(stem in text for stem in WRONG_STEMS) or any(
        word_in(t, MISCONDUCT_WORDS) for t in toks
    )
    return quoted and not wrong


def that_clause(verb: Token) -> Token | None:
    """'X alleged in a post on social media that Y groped her': a 'that' clause the parser hung
    on a noun inside the verb's prepositional phrase instead of on the verb."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for t in prep.subtree:
            if t.dep_ in {"relcl", "acl", "ccomp"} and t.i > verb.i:
                mark = child(t, "mark")
                if mark is not None and mark.lower_ == "that" and child(t, "nsubj") is not None:
                    return t
    return None


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in tok.children)


def child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def prep_object(tok: Token, *preps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            for p in c.children:
                if p.dep_ in {"pobj", "pcomp"}:
                    return p
    return None


def subtree_text(ctx: Context, tok: Token | None) -> str:
    if tok is None:
        return ""
    toks = list(tok.subtree)
    start, end = ctx.trim(toks[0].idx, toks[-1].idx + len(toks[-1].text))
    return ctx.text[start:end]


def _tokens(*groups: Iterable[Token] | Token | None) -> list[Token]:
    out: list[Token] = []
    for g in groups:
        if g is None:
            continue
        if isinstance(g, Token):
            out.append(g)
        else:
            out.extend(g)
    return out


class AllegationFinder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.found: list[Allegation] = []

    def run(self) -> list[Allegation]:
        for sent in self.ctx.sentences:
            if self.ctx.in_noise(sent):
                continue
            for tok in sent:
                if is_negated(tok):
                    continue
                before = len(self.found)
                if word_in(tok, ACCUSE_WORDS) and tok.pos_ in {"VERB", "AUX", "ADJ"}:
                    self.accuse(tok)
                elif (
                    word_in(tok, ALLEGE_WORDS)
                    and tok.pos_ in {"VERB", "AUX"}
                    and tok.dep_ != "amod"
                ):
                    self.allege(tok)
                if len(self.found) == before and tok.lower_ in ACCUSE_WORDS | ALLEGE_WORDS:
                    self.linear(tok)
                elif word_in(tok, SUE_WORDS) and tok.pos_ == "VERB":
                    self.sue(tok)
                elif tok.lemma_ == "file" and tok.pos_ == "VERB":
                    self.file_suit(tok)
                elif tok.lower_ == "according":
                    self.according(tok)
                elif tok.pos_ == "NOUN" and tok.lemma_.lower() in {
                    "allegation",
                    "accusation",
                    "claim",
                }:
                    self.noun(tok)
                elif tok.pos_ == "NOUN" and tok.lower_ in {"accuser", "accusers"}:
                    self.accuser_noun(tok)
                elif tok.pos_ == "VERB" and (
                    word_in(tok, SAY_WORDS)
                    or word_in(tok, REPORT_VERBS_OUTLET)
                    or word_in(tok, CLAIM_VERBS)
                ):
                    self.said(tok)
        self.quoted()
        return self.found

    # -- building ---------------------------------------------------------------------------
    def add(
        self,
        accuser: Ref,
        accused: Ref,
        tokens: list[Token],
        anchor: Token,
        method: str,
        confidence: float,
        summary: str,
        reported_by: list[Entity] | None = None,
    ) -> None:
        target = accused.entity
        if target is None:
            return
        accusers = [e for e in accuser.entities if e is not target]
        if accuser.entities and not accusers:
            return  # the only accuser is the accused: a misparse
        reported = list(reported_by or []) + [
            e for e in accuser.reported_by if e not in (reported_by or [])
        ]
        # An outlet that "reports" is a carrier, not an accuser.
        if accusers and all(is_outlet(self.ctx, e) for e in accusers) and method != "rule:lawsuit":
            reported = accusers + [e for e in reported if e not in accusers]
            accusers = []
        if not accusers:
            named = self.named_later(accuser, anchor)
            if named is not None and named is not target:
                accusers = [named]
                confidence -= 0.1
        description = None if accusers else accuser.description
        if accused.via in {"pronoun", "role"}:
            confidence -= 0.1
        if accuser.via == "pronoun":
            confidence -= 0.05
        start, end = self.ctx.cite(tokens, anchor)
        self.found.append(
            Allegation(
                accusers=accusers,
                accused=target,
                start=start,
                end=end,
                method=method,
                confidence=round(max(confidence, 0.05), 2),
                summary=summary or self.ctx.text[start:end],
                accuser_description=description,
                reported_by=reported,
            )
        )

    def named_later(self, accuser: Ref, anchor: Token) -> Entity | None:
        """'A former assistant ... filed a lawsuit' ... 'The woman, Renata Oyelaran, 31, ...':
        a singular unnamed accuser or a lawsuit's plaintiff introduced by name later."""
        toks = accuser.tokens
        if not toks or accuser.description is None:
            return None
        first = toks[0]
        words = {t.lower_ for t in toks}
        legal = bool(words & {"lawsuit", "suit", "complaint"}) and not words & {"report", "reports"}
        if first.lower_ in {"her", "his"} and legal:
            return antecedent(self.ctx, first)
        indefinite = first.lower_ in {"a", "an"} and not any(
            t.tag_ in {"NNS", "NNPS"} for t in toks
        )
        if not (indefinite or legal):
            return None
        doc = self.ctx.doc
        begin = anchor.i if indefinite and not legal else 0
        for i in range(begin, len(doc) - 3):
            if doc[i].lower_ == "the" and doc[i + 1].pos_ == "NOUN" and doc[i + 2].text == ",":
                mention = self.ctx.registry.by_token.get(i + 3)
                if mention is not None and mention.entity.kind == "person":
                    return mention.entity
        return None

    # -- rules ------------------------------------------------------------------------------
    def accuse(self, tok: Token) -> None:
        of = prep_object(tok, "of")
        summary = subtree_text(self.ctx, of)
        if self.document_accuses(tok, of, summary):
            return
        passive = child(tok, "nsubjpass", "auxpass") is not None or tok.dep_ in {"acl", "amod"}
        if passive:
            subj = child(tok, "nsubjpass")
            target_tok = (
                subj if subj is not None else (tok.head if tok.dep_ in {"acl", "amod"} else None)
            )
            if target_tok is None:
                target_tok = subject_of(tok)
            accused = resolve(self.ctx, target_tok)
            agent = prep_object(tok, "by")
            accuser = resolve(self.ctx, agent, {accused.entity.name} if accused.entity else None)
            conf = 0.85 if agent is not None else 0.6
            self.add(
                accuser,
                accused,
                _tokens(accused.tokens, tok, of and of.subtree, agent and agent.subtree),
                tok,
                "rule:accused-by" if agent is not None else "rule:was-accused",
                conf,
                summary,
            )
            return
        obj = child(tok, "dobj")
        if obj is None:
            return
        subj = subject_of(tok)
        accuser = resolve(self.ctx, subj)
        accused = resolve(self.ctx, obj, {e.name for e in accuser.entities})
        if accused.entity is None:
            # "accused the show's creator and showrunner, Elliot Saybrook, of ...": the name is
            # parsed as a loose modifier of the verb.
            named = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ in {"npadvmod", "appos", "dobj"}
                    and c.i > obj.i
                    and self.ctx.registry.entity_at(c) is not None
                    and c.doc[c.left_edge.i - 1].text == ","
                ),
                None,
            )
            if named is not None:
                accused = Ref(entities=[self.ctx.registry.entity_at(named)], tokens=[named])
        method = "rule:who-has-accused" if tok.dep_ == "relcl" else "rule:accused-of"
        conf = 0.9
        if subj is not None and broken_subject(subj):
            conf = 0.5  # "an engineer at the payments startup Quillpath has accused": misparse
        if of is not None and mocking(self.ctx, tok, of):
            conf = 0.45  # "accused the top bidder of 'trying to buy the whole harbor'"
        self.add(
            accuser,
            accused,
            _tokens(accuser.tokens, tok, obj, of and of.subtree),
            tok,
            method,
            conf,
            summary,
        )

    def document_accuses(self, tok: Token, of: Token | None, summary: str) -> bool:
        """'filed a lawsuit accusing him of ...', 'a report accusing the company of ...': the
        document's filer (the subject of 'filed'), else the document, accuses the object."""
        obj = child(tok, "dobj")
        head = tok.head
        if tok.dep_ == "advcl" and head.pos_ == "VERB":
            # "has filed a lawsuit accusing him", with "accusing" hung on the verb
            head = child(head, "dobj") or head
        if tok.dep_ not in {"acl", "advcl"} or obj is None or not word_in(head, DOCUMENT_NOUNS):
            return False
        filer = subject_of(head.head) if head.dep_ == "dobj" else None
        accuser = resolve(self.ctx, filer) if filer is not None else resolve(self.ctx, head)
        if accuser.entity is None and accuser.description is None:
            accuser = resolve(self.ctx, head)
        accused = resolve(self.ctx, obj, {e.name for e in accuser.entities})
        self.add(
            accuser,
            accused,
            _tokens(accuser.tokens, head, tok, obj, of and of.subtree),
            tok,
            "rule:document-accusing",
            0.8,
            summary,
        )
        return True

    def allege(self, tok: Token) -> None:
        subj = subject_of(tok)
        passive = child(tok, "nsubjpass", "auxpass") is not None
        ccomp = child(tok, "ccomp")
        if passive:
            target = child(tok, "nsubjpass")
            if target is not None and target.lower_ == "it" and ccomp is not None:
                target = subject_of(ccomp)
            accused = resolve(self.ctx, target)
            agent = prep_object(tok, "by")
            accuser = resolve(self.ctx, agent)
            xcomp = child(tok, "xcomp")
            summary = subtree_text(self.ctx, xcomp or ccomp)
            self.add(
                accuser,
                accused,
                _tokens(accused.tokens, tok, (xcomp or ccomp or tok).subtree),
                tok,
                "rule:is-alleged",
                0.65,
                summary,
            )
            return
        accuser = resolve(self.ctx, subj)
        if accuser.entity is None and accuser.description is None:
            return
        exclude = {e.name for e in accuser.entities}
        if ccomp is None:
            ccomp = that_clause(tok)
        if ccomp is not None:
            target = child(ccomp, "nsubj")
            if target is None:
                agent = prep_object(ccomp, "by")
                if agent is None:
                    return
                target = agent
            accused = resolve(self.ctx, target, exclude)
            self.add(
                accuser,
                accused,
                _tokens(accuser.tokens, tok, ccomp.subtree),
                tok,
                "rule:alleges-that",
                0.85,
                subtree_text(self.ctx, ccomp),
            )
            return
        obj = child(tok, "dobj")
        if obj is not None:
            target = prep_object(obj, "by", "against") or prep_object(tok, "against", "by")
            if target is not None:
                accused = resolve(self.ctx, target, exclude)
                self.add(
                    accuser,
                    accused,
                    _tokens(accuser.tokens, tok, obj.subtree),
                    tok,
                    "rule:alleges-against",
                    0.8,
                    subtree_text(self.ctx, obj),
                )
                return
        # "X sued Y, alleging fraud": the accused is the head verb's object.
        if tok.dep_ == "advcl" and obj is not None:
            head_obj = child(tok.head, "dobj")
            if head_obj is not None and word_in(tok.head, SUE_WORDS):
                accused = resolve(self.ctx, head_obj, exclude)
                self.add(
                    accuser,
                    accused,
                    _tokens(accuser.tokens, tok.head, tok.subtree),
                    tok,
                    "rule:sued-alleging",
                    0.8,
                    subtree_text(self.ctx, obj),
                )

    def sue(self, tok: Token) -> None:
        summary = subtree_text(self.ctx, prep_object(tok, "for", "over"))
        alleging = next(
            (
                c
                for c in tok.children
                if c.dep_ in {"advcl", "xcomp"}
                and (word_in(c, ALLEGE_WORDS) or word_in(c, ACCUSE_WORDS))
            ),
            None,
        )
        if alleging is not None:
            return  # the alleging/accusing rule reports it with its content
        if child(tok, "nsubjpass", "auxpass") is not None:
            accused = resolve(self.ctx, child(tok, "nsubjpass"))
            agent = prep_object(tok, "by")
            accuser = resolve(self.ctx, agent)
            self.add(
                accuser,
                accused,
                _tokens(accused.tokens, tok.subtree),
                tok,
                "rule:lawsuit",
                0.7,
                summary or "lawsuit",
            )
            return
        obj = child(tok, "dobj")
        if obj is None:
            return
        accuser = resolve(self.ctx, subject_of(tok))
        accused = resolve(self.ctx, obj, {e.name for e in accuser.entities})
        self.add(
            accuser,
            accused,
            _tokens(accuser.tokens, tok.subtree),
            tok,
            "rule:lawsuit",
            0.75,
            summary or "lawsuit",
        )

    def file_suit(self, tok: Token) -> None:
        obj = child(tok, "dobj")
        if obj is None or obj.lemma_ not in LAWSUIT_NOUNS:
            return
        target = prep_object(obj, "against") or prep_object(tok, "against")
        if target is None:
            return
        accuser = resolve(self.ctx, subject_of(tok))
        accused = resolve(self.ctx, target, {e.name for e in accuser.entities})
        self.add(
            accuser,
            accused,
            _tokens(accuser.tokens, tok.subtree),
            tok,
            "rule:lawsuit",
            0.75,
            subtree_text(self.ctx, obj),
        )

    def according(self, tok: Token) -> None:
        source = prep_object(tok, "to")
        verb = tok.head
        if source is None or verb.pos_ not in {"VERB", "AUX"}:
            return
        if not word_in(verb, MISCONDUCT_WORDS):
            return
        accuser = resolve(self.ctx, source)
        if child(verb, "nsubjpass", "auxpass") is not None:
            target = prep_object(verb, "by")
        else:
            target = subject_of(verb)
        accused = resolve(self.ctx, target, {e.name for e in accuser.entities})
        self.add(
            accuser,
            accused,
            _tokens(accuser.tokens, verb.subtree),
            verb,
            "rule:according-to",
            0.75,
            subtree_text(self.ctx, verb),
        )

    def noun(self, tok: Token) -> None:
        against = prep_object(tok, "against")
        of = prep_object(tok, "of")
        accuser_tok = child(tok, "poss")
        target = against
        if target is None and of is not None:
            target = prep_object(of, "by")
        if target is None:
            return
        if accuser_tok is None and against is not None:
            accuser_tok = prep_object(tok, "by", "from")
        accused = resolve(self.ctx, target)
        if accused.entity is None:
            # "by one of Hollywood's most powerful producers, Harvey Weinstein"
            names = [self.ctx.registry.entity_at(t) for t in target.subtree]
            people = [e for e in names if e is not None]
            if people:
                accused = Ref(entities=[people[-1]], tokens=list(target.subtree))
        accuser = resolve(self.ctx, accuser_tok, {accused.entity.name} if accused.entity else None)
        if (
            accuser.via == "pronoun"
            and accuser_tok is not None
            and accuser_tok.lower_ in {"his", "her"}
        ):
            return  # "his allegations" is too often the accused's own
        self.add(
            accuser,
            accused,
            _tokens(tok.subtree),
            tok,
            "rule:allegations-against",
            0.6,
            subtree_text(self.ctx, of) or subtree_text(self.ctx, tok),
        )

    def accuser_noun(self, tok: Token) -> None:
        poss = child(tok, "poss")
        if poss is None:
            return
        accused = resolve(self.ctx, poss)
        accuser_tok = None
        if tok.dep_ == "appos":
            accuser_tok = tok.head
        elif child(tok, "appos") is not None:
            accuser_tok = child(tok, "appos")
        elif tok.dep_ == "pobj" and tok.head.head.lower_ == "one" and tok.head.head.dep_ == "appos":
            accuser_tok = tok.head.head.head
        elif tok.dep_ == "attr":
            accuser_tok = subject_of(tok.head)
        accuser = resolve(self.ctx, accuser_tok, {accused.entity.name} if accused.entity else None)
        if not accuser.entities:
            return
        self.add(
            accuser,
            accused,
            _tokens(accuser.tokens, tok.subtree),
            tok,
            "rule:accuser-of",
            0.75,
            "accuser",
        )

    def linear(self, tok: Token) -> None:
        """Word-order fallback for a trigger the parse did not make sense of."""
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ in {
            "the",
            "an",
            "a",
            "was",
            "were",
            "been",
            "be",
            "is",
            "are",
        }:
            return  # "the alleged ...", passives: the dependency rules own those
        accuser = left_ref(self.ctx, tok)
        if accuser is None or (accuser.entity is None and accuser.description is None):
            return
        right = right_ref(self.ctx, tok, {e.name for e in accuser.entities})
        if right is None:
            return
        accused, after = right
        doc = tok.doc
        if tok.lower_ in ACCUSE_WORDS:
            if after >= len(doc) or doc[after].lower_ != "of":
                return
        elif after >= tok.sent.end or (
            doc[after].pos_ not in {"VERB", "AUX"}
            and doc[after].lower_
            not in {"had", "has", "was", "is", "repeatedly", "sexually", "also"}
        ):
            return
        stop = after
        while (
            stop < tok.sent.end
            and doc[stop].text not in {";", ".", "—"}
            and not (
                doc[stop].lower_ == "in"
                and stop + 1 < tok.sent.end
                and doc[stop + 1].lower_ in {"what", "which"}
            )
        ):
            stop += 1
        tokens = [*accuser.tokens, tok, *doc[after:stop]]
        summary = self.ctx.text[doc[after].idx : doc[stop - 1].idx + len(doc[stop - 1].text)]
        self.add(
            accuser,
            accused,
            tokens,
            tok,
            "rule:linear-" + tok.lemma_.lower().rstrip("s"),
            0.7,
            summary,
        )

    def said(self, tok: Token) -> None:
        """'X said/told police that Y raped her'; 'The Times reported that Y ...'."""
        ccomp = child(tok, "ccomp")
        if ccomp is None or is_negated(ccomp) or self.ctx.quote_of(ccomp) is not None:
            return
        strong = misconduct_clause(ccomp)
        if not (strong or word_in(ccomp, MISCONDUCT_WORDS)):
            return
        speaker = resolve(self.ctx, subject_of(tok))
        if speaker.entity is None and (speaker.description is None or speaker.via == "document"):
            return
        reported_by: list[Entity] = []
        for c in tok.children:
            if c.dep_ in {"dobj", "dative"}:
                ent = self.ctx.registry.entity_at(c) or resolve(self.ctx, c).entity
                if ent is not None and is_outlet(self.ctx, ent):
                    reported_by.append(ent)
        if child(ccomp, "nsubjpass", "auxpass") is not None:
            target = prep_object(ccomp, "by")
            victim = child(ccomp, "nsubjpass")
        else:
            target = child(ccomp, "nsubj")
            victim = child(ccomp, "dobj")
        outlet_report = speaker.entity is not None and is_outlet(self.ctx, speaker.entity)
        victim_is_speaker = victim is not None and victim.lower_ in VICTIM_PRONOUNS
        # Without an explicit victim, only clearly wrongful acts count (not "fired", "hit").
        if not (outlet_report or victim_is_speaker or strong):
            return
        exclude = {e.name for e in speaker.entities}
        accused = resolve(self.ctx, target, exclude)
        if target is None or not (
            accused.via in {"pronoun", "role"} or self.ctx.registry.entity_at(target) is not None
        ):
            return  # the wrongdoer must be named, not inferred from a noun ("the X allegations")
        self.add(
            speaker,
            accused,
            _tokens(speaker.tokens, tok, ccomp.subtree),
            tok,
            "rule:said-that",
            0.7,
            subtree_text(self.ctx, ccomp),
            reported_by,
        )

    def quoted(self) -> None:
        """'"He pinned me against the wall," Doe said': first-person victim inside a quotation."""
        for tok in self.ctx.doc:
            if tok.pos_ != "VERB" or not word_in(tok, MISCONDUCT_WORDS) or is_negated(tok):
                continue
            quote = self.ctx.quote_of(tok)
            if quote is None or quote.start not in self.ctx.speakers or self.ctx.in_noise(tok):
                continue
            speaker = self.ctx.speakers[quote.start]
            obj = child(tok, "dobj")
            subj = child(tok, "nsubj")
            if obj is None or obj.lower_ not in FIRST_PERSON or subj is None:
                continue
            exclude = {speaker.name}
            accused_ent = self.ctx.registry.entity_at(subj)
            if accused_ent is None and subj.lower_ in {"he", "she"}:
                first = self.ctx.doc.char_span(
                    quote.start, quote.start + 1, alignment_mode="expand"
                )
                if first is not None:
                    accused_ent = antecedent(self.ctx, first[0], exclude)
            if accused_ent is None or accused_ent is speaker:
                continue
            self.add(
                Ref(entities=[speaker]),
                Ref(entities=[accused_ent], via="pronoun"),
                list(tok.subtree),
                tok,
                "rule:quoted-first-person",
                0.65,
                subtree_text(self.ctx, tok),
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
