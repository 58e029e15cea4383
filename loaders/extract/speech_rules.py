"""Allegation rules in reported and quoted speech: 'X said/told police that Y raped her',
'The Times reported that Y ...', '"He pinned me against the wall," X said'."""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders.extract.charge_rules import representative
from loaders.extract.context import Context
from loaders.extract.deps import (
    VICTIM_PRONOUNS,
    child,
    clause_subject,
    is_negated,
    is_outlet,
    misconduct_clause,
    prep_object,
    subtree_text,
    tokens_of,
    verbal,
    word_in,
)
from loaders.extract.lexicon import (
    CLAIM_VERBS,
    FIRST_PERSON,
    HOSTILE_PHRASES,
    HOSTILE_WORDS,
    MISCONDUCT_WORDS,
)
from loaders.extract.mentions import Entity
from loaders.extract.report_rules import (
    ReportRules,
    hostile_acts,
    hypothetical,
    in_filing,
    intention,
)
from loaders.extract.resolve import (
    PRONOUN_GENDER,
    Ref,
    antecedent,
    name_gender,
    resolve,
    subject_of,
)

BODY_OWNERS = {"her", "his", "my", "their"}
AUDIENCE_NOUNS = {
    "reporters",
    "investigators",
    "police",
    "detectives",
    "prosecutors",
    "jurors",
    # "told the site / the newsletter that ...": the outlet by its kind
    "site",
    "newspaper",
    "paper",
    "magazine",
    "newsletter",
    "outlet",
    "publication",
    "station",
}
ACCOUNT_NOUNS = {"account", "story", "description", "recollection", "memory", "testimony"}
TELLING_VERBS = {"speak", "talk", "write", "testify", "tell", "post", "open", "recount", "blog"}


# A charge written down in the speaker's own name: "said in a report that ...".
WRITTEN_CHARGES = {"report", "filing", "letter", "complaint", "lawsuit", "suit"}

class SpeechRules(ReportRules):
    def said(self, tok: Token) -> None:  # noqa: C901
        """'X said/told police that Y raped her'; 'The Times reported that Y ...'."""
        ccomp = reported_clause(tok) or glued_clause(tok) or parenthetical_clause(tok)
        if ccomp is None or is_negated(ccomp) or self.quoted_clause(ccomp):
            return
        if hypothetical(ccomp) or intention(ccomp):
            return
        subj = subject_of(tok) or loose_subject(tok)
        speaker = resolve(self.ctx, subj)
        if speaker.via == "document" and subj is not None:
            self.document_says(tok, subj, speaker, ccomp)
            return
        ccomp = inner_account(self.ctx, when_clause(ccomp))
        filed = in_filing(tok)
        strong = misconduct_clause(ccomp, affirmed_only=True)
        head_wrong = word_in(ccomp, MISCONDUCT_WORDS) and not verbal(ccomp)
        hostile = hostile_acts(ccomp)
        if not (strong or head_wrong or hostile or filed or bodily(ccomp)):
            return
        if speaker.entity is None and speaker.description is None:
            if subj is None or subj.lower_ not in {"one", "another", "others", "some"}:
                return
            speaker = Ref(description=subj.text, tokens=[subj])  # "One said ...", "Another said"
        if speaker.via in {"lawyer", "spokesperson"} or representative(subj):
            if speaker.principal is None or not about_client(ccomp):
                return  # a representative speaks for a party, not as an accuser
            # "Roe's lawyer said her client was assaulted by Doe": the client accuses
            speaker = Ref(entities=[speaker.principal], tokens=speaker.tokens)
        reported_by: list[Entity] = []
        outlets: list[Token] = []
        for c in tok.children:
            if c.dep_ in {"dobj", "dative"}:
                ent = self.ctx.registry.entity_at(c) or resolve(self.ctx, c).entity
                if ent is not None and is_outlet(self.ctx, ent):
                    reported_by.append(ent)
                    outlets.append(c)
        if child(ccomp, "nsubjpass", "auxpass") is not None:
            target = prep_object(ccomp, "by")
            victim = child(ccomp, "nsubjpass")
        else:
            target = possessor_of_wrong(clause_subject(ccomp))
            victim = next(
                (
                    v
                    for v in (child(ccomp, "dobj"), prep_object(ccomp, "at", "to", "against", "on"))
                    if v is not None and v.lower_ in VICTIM_PRONOUNS
                ),
                child(ccomp, "dobj") or prep_object(ccomp, "at", "to", "against"),
            )
        outlet_report = speaker.entity is not None and is_outlet(self.ctx, speaker.entity)
        # "he touched her breasts", "grabbed his crotch": the body part's owner was wronged.
        victim_is_speaker = (
            victim is not None
            and (
                victim.lower_ in VICTIM_PRONOUNS
                or (
                    head_wrong
                    and any(c.dep_ == "poss" and c.lower_ in BODY_OWNERS for c in victim.children)
                )
            )
        ) or bodily(ccomp)
        # Without an explicit victim, only clearly wrongful acts count (not "fired", "hit");
        # milder acts and a filing's plain statements are weak candidates.
        conf = 0.7
        alleged = any(c.lower_ == "allegedly" for c in ccomp.children)
        # "told the Ledger / investigators that Y bullied staff": an account given on record.
        on_record = tok.lemma_ == "tell" and any(
            c.dep_ in {"dobj", "dative"} and (c.lower_ in AUDIENCE_NOUNS or c in outlets)
            for c in tok.children
        )
        # "X claims / contends / testified that Y forged ...": the verb itself asserts a charge.
        claimed = word_in(tok, CLAIM_VERBS) or tok.lemma_ in {"testify", "recount"}
        # "Granite Hill Research said in a report that Solano had overstated its reserves"
        in_writing = any(
            p.dep_ == "prep" and p.lower_ == "in" and any(o.lemma_ in WRITTEN_CHARGES
                                                         for o in p.children)
            for p in tok.children
        )
        if not (
            alleged
            or outlet_report
            or strong
            or ((victim_is_speaker or on_record or claimed or in_writing)
                and (head_wrong or hostile))
        ):
            conf = 0.7 if filed else 0.55
        exclude = {e.name for e in speaker.entities}
        if speaks_of_self(self.ctx, speaker, target, subj):
            return  # "X said that he would step away after he was accused": about himself
        accused = resolve(self.ctx, target, exclude)
        if accused.entity is not None and accused.entity.kind == "org" and against_someone(ccomp):
            return  # "the law firm had substantiated allegations against Harlan": a finding
        if target is not None and target.dep_ == "poss" and not well_named(accused):
            return  # "Hale's harassment": only a clean name owns the misconduct
        if target is None or not (
            accused.via in {"pronoun", "role"}
            or self.ctx.registry.entity_at(target) is not None
            or named_in_apposition(self.ctx, target)
        ):
            return  # the wrongdoer must be named, not inferred from a noun ("the X allegations")
        self.add(
            speaker,
            accused,
            tokens_of(speaker.tokens, tok, ccomp.subtree),
            tok,
            "rule:said-that" if conf >= 0.7 else "rule:said-weak",
            conf,
            subtree_text(self.ctx, ccomp),
            reported_by,
        )

    def quoted_clause(self, clause: Token) -> bool:
        """The reported clause is itself inside a quotation ('"He would never do that," she
        said'); a short quoted phrase inside it ('said Romano "made a game" of ...') is not."""
        if self.ctx.quote_of(clause) is None:
            return False
        subj = clause_subject(clause)
        return subj is None or self.ctx.quote_of(subj) is not None

    def told_of_being(self) -> None:
        """'X has spoken about being raped by Y', 'X wrote of being groped by Y': the subject of
        the telling verb is the one the passive wrong was done to."""
        for tok in self.ctx.doc:
            if tok.pos_ != "VERB" or tok.dep_ != "pcomp" or not word_in(tok, MISCONDUCT_WORDS):
                continue
            if child(tok, "auxpass") is None or is_negated(tok) or self.ctx.in_noise(tok):
                continue
            agent = prep_object(tok, "by")
            prep = tok.head
            verb = prep.head
            if agent is None or prep.lower_ not in {"about", "of"}:
                continue
            if verb.pos_ == "NOUN" and verb.lemma_.lower() in ACCOUNT_NOUNS:
                # "Linda Park's account of being groped by Whitaker"
                speaker = resolve(self.ctx, child(verb, "poss"))
            elif verb.pos_ == "VERB" and verb.lemma_.lower() in TELLING_VERBS:
                if is_negated(verb):
                    continue
                speaker = resolve(self.ctx, subject_of(verb))
            else:
                continue
            if not speaker.entities:
                continue
            accused = resolve(self.ctx, agent, {e.name for e in speaker.entities})
            self.add(
                speaker,
                accused,
                tokens_of(speaker.tokens, verb, prep.subtree),
                tok,
                "rule:told-of-being",
                0.7,
                subtree_text(self.ctx, prep),
            )

    def quoted(self) -> None:
        """'"He pinned me against the wall," Doe said': first-person victim inside a quotation."""
        for tok in self.ctx.doc:
            if tok.pos_ != "VERB" or is_negated(tok):
                continue
            if not (word_in(tok, MISCONDUCT_WORDS) or word_in(tok, HOSTILE_WORDS)):
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


def possessor_of_wrong(subj: Token | None) -> Token | None:
    """'that Hale's harassment began in 2019': the owner of a misconduct noun is the actor."""
    if subj is None or subj.pos_ != "NOUN" or not misconduct_clause(subj):
        return subj
    owner = child(subj, "poss")
    if owner is None:
        return subj
    return owner


def well_named(ref: Ref) -> bool:
    ent = ref.entity
    return ent is not None and all(w[:1].isupper() for w in ent.name.split())


def glued_clause(tok: Token) -> Token | None:
    """'said photographer Terry Rich coerced her': the parser makes the reported clause's subject
    the verb's object and the clause a relative clause on it."""
    obj = child(tok, "dobj")
    if obj is None:
        return None
    clause = child(obj, "relcl")
    if clause is None or child(clause, "nsubj") is None:
        return None
    subj = child(clause, "nsubj")
    if subj.lower_ in {"who", "that", "which"} or subj.i < obj.i:
        return None
    # "told the site that Y grabbed ...": a 'that' before the clause's own subject marks a
    # reported clause, not a relative one; without it, only right after the verb.
    marked = any(t.lower_ == "that" for t in tok.doc[obj.i + 1 : subj.i])
    if not marked and obj.i != tok.i + 1 and tok.doc[tok.i + 1].dep_ != "compound":
        return None
    return clause


def named_in_apposition(ctx: Context, tok: Token) -> bool:
    """'its chief executive, Gideon Farrant-Lowe, bullied staff': the name is the apposition."""
    return any(c.dep_ == "appos" and ctx.registry.entity_at(c) is not None for c in tok.children)


def when_clause(clause: Token) -> Token:
    """'said she was 19 when Doe forced her ...': the 'when' clause carries the account."""
    if clause.lemma_ != "be":
        return clause
    for c in clause.children:
        if c.dep_ == "advcl" and any(
            m.lower_ == "when" and m.dep_ in {"advmod", "mark"} for m in c.children
        ):
            return c
    return clause


def about_client(clause: Token) -> bool:
    """The reported clause is about the representative's client ('her client was ...')."""
    return any(t.lemma_.lower() == "client" for t in clause.subtree)


def loose_subject(verb: Token) -> Token | None:
    """'The other, former line cook X, said ...' parsed with the subject as a loose 'dep'."""
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in {"dep", "npadvmod"} and c.i < verb.i and c.pos_ in {"NOUN", "PROPN"}
        ),
        None,
    )


def same_gender(subj: Token | None, speaker: Entity, pronoun: Token) -> bool:
    """Whether `pronoun` could be the speaker: 'She said he ...' never is."""
    want = PRONOUN_GENDER.get(pronoun.lower_)
    said_by = PRONOUN_GENDER.get(subj.lower_) if subj is not None else None
    known = said_by or name_gender(speaker)
    return known is None or known == want


def parenthetical_clause(tok: Token) -> Token | None:
    """'After the show, she said, he offered her a ride ...': the clause around the 'said'."""
    if tok.dep_ == "parataxis" and tok.head.pos_ in {"VERB", "AUX"} and tok.head.i > tok.i:
        return tok.head
    return None


def inner_account(ctx: Context, clause: Token) -> Token:
    """'told detectives she woke up ... and found Novak touching her breasts': when the
    speaker is the clause's subject, the wrong is the nested clause with a named actor."""
    subj = clause_subject(clause)
    if subj is None or subj.lower_ not in {"she", "he", "i"}:
        return clause
    for t in clause.subtree:
        if t.i == clause.i or t.pos_ != "VERB":
            continue
        if not (word_in(t, MISCONDUCT_WORDS) or word_in(t, HOSTILE_WORDS)):
            continue
        actor = child(t, "nsubj")
        if actor is not None and ctx.registry.entity_at(actor) is not None:
            return t
    return clause


def against_someone(clause: Token) -> bool:
    """The clause speaks of allegations or complaints against someone else."""
    return any(
        t.lemma_.lower() in {"allegation", "accusation", "complaint", "claim"}
        and prep_object(t, "against") is not None
        for t in clause.subtree
    )


TOUCH_RE = re.compile(
    r"\b(?:his|her) hands? (?:up|down|inside|under|on|onto|into|between|around|over) "
    r"(?:her|his|my|their)\b"
)


def bodily(clause: Token) -> bool:
    """'put his hand on her thigh', 'slid his hand inside my robe': a touch on someone's
    body."""
    text = " ".join(t.lower_ for t in clause.subtree)
    if TOUCH_RE.search(text):
        return True
    return any(p in text for p in HOSTILE_PHRASES if {"her", "his"} & set(p.split()))


def reported_clause(tok: Token) -> Token | None:
    """The clause a reporting verb reports; of two ('Stacy apologized after Rapp said Stacy
    made ...', with 'apologized' misparsed as a second complement) the one after the verb."""
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]
    after = [c for c in clauses if c.i > tok.i]
    return (after or clauses or [None])[0]


def speaks_of_self(
    ctx: Context, speaker: Ref, target: Token | None, subj: Token | None = None
) -> bool:
    """The reported clause's 'she' or 'he' is the speaker ('X alleges that she ...')."""
    return (
        target is not None
        and target.lower_ in {"he", "she"}
        and speaker.entity is not None
        and same_gender(subj, speaker.entity, target)
        and antecedent(ctx, target) is speaker.entity
    )
