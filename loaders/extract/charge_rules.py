"""Allegation rules for official findings and charges: 'Y was charged with fraud', 'the
inquiry found that Y misused funds', 'Y tested positive for', and the source of a bare passive
('Y is accused of ..., according to X / X said / in a complaint by X')."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.deps import (
    child,
    clause_subject,
    is_negated,
    misconduct_clause,
    prep_object,
    subtree_text,
    tokens_of,
    word_in,
)
from loaders.extract.finder_base import FinderBase
from loaders.extract.lexicon import LAWYER_NOUNS, MISCONDUCT_WORDS, SAY_WORDS
from loaders.extract.mentions import Entity
from loaders.extract.report_rules import hostile_acts, hypothetical
from loaders.extract.resolve import Ref, resolve, subject_of

INQUIRY_NOUNS = {
    "inquiry",
    "investigation",
    "commission",
    "probe",
    "review",
    "panel",
    "audit",
    "tribunal",
    "investigators",
    "inspector",
    "ombudsman",
    "report",
}
MODALS = {"could", "might", "may", "would", "should"}
FINDING_VERBS = {"find", "conclude", "determine", "hear", "establish"}
POLICE_MARKERS = ("police", "sheriff", "constabulary", "fbi", "federal bureau")
DOPING_MARKERS = ("doping", "anti-doping", "wada", "usada", "integrity unit")
REPRESENTATIVES = LAWYER_NOUNS | {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "publicist",
    "representative",
    "representatives",
}


CRIME_NOUNS = {
    "crime", "offense", "offence", "count", "felony", "misdemeanor", "murder",
    "manslaughter", "homicide", "theft", "burglary", "robbery", "battery", "rape", "assault",
    "fraud", "bribery", "embezzlement", "extortion", "perjury", "conspiracy", "obstruction",
    "corruption", "trafficking", "possession", "violation", "contempt", "stalking",
    "harassment", "forgery", "larceny", "kidnapping", "solicitation", "misconduct",
    "racketeering", "laundering", "evasion", "abuse", "endangerment", "negligence",
    "breach", "bribe", "bribes", "charge", "charges", "sexual",
}  # fmt: skip


def offence_named(offence: Token) -> bool:
    """What someone is charged with names an offence ('with fraud', 'with offering bribes',
    'with two counts of ...'), not a duty ('with overseeing students')."""
    words = {t.lemma_.lower() for t in offence.subtree} | {t.lower_ for t in offence.subtree}
    return (
        bool(words & CRIME_NOUNS)
        or misconduct_clause(offence)
        or any(word_in(t, MISCONDUCT_WORDS) for t in offence.subtree)
    )


def is_question(tok: Token) -> bool:
    return tok.sent.text.rstrip().rstrip("\"'”’").endswith("?")


def representative(subj: Token | None) -> bool:
    """'Hale's lawyer, Ben Ross, said': the speaker is someone's lawyer or spokesperson."""
    if subj is None:
        return False
    near = [*subj.children, *(subj.head.children if subj.dep_ == "appos" else []), subj.head]
    cand = [subj, *(c for c in near if c.dep_ == "appos" or c == subj.head)]
    if subj.dep_ != "appos":
        cand = [t for t in cand if t != subj.head]
    return any(t.lower_ in REPRESENTATIVES or t.lemma_.lower() in REPRESENTATIVES for t in cand)


class ChargeRules(FinderBase):
    def official(self, markers: tuple[str, ...]) -> Entity | None:
        """The one organisation in the article whose name carries one of the markers."""
        found = {
            e.name: e
            for e in self.ctx.registry.organisations()
            if any(m in e.name.lower() for m in markers)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def charged(self, tok: Token) -> None:
        """'Y was charged with fraud', 'Y was indicted on charges of': prosecutors (or police)
        accuse Y."""
        subj = child(tok, "nsubjpass")
        if subj is None and tok.dep_ == "acl" and tok.tag_ == "VBN":
            subj = tok.head  # "Frank Lombardi, charged in February with ..., has pleaded"
        offence = prep_object(tok, "with")
        if offence is None and tok.lemma_.lower() == "indict":
            # "indicted on Tuesday on charges of wire fraud": the 'on' that names an offence
            offence = next(
                (
                    p
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in {"on", "for"}
                    for p in c.children
                    if p.dep_ == "pobj" and offence_named(p)
                ),
                None,
            )
        if offence is None:
            # "charged in the same indictment with offering bribes": 'with' hung on the noun
            offence = next(
                (
                    o
                    for c in tok.children
                    if c.dep_ == "prep"
                    for p in c.children
                    if p.dep_ == "pobj" and (o := prep_object(p, "with")) is not None
                ),
                None,
            )
        if subj is None or offence is None or is_question(tok) or hypothetical(tok):
            return
        if not offence_named(offence):
            return  # "the school, which is charged with overseeing 3,400 students"
        if any(is_negated(a) for a in list(tok.ancestors)[:2]):
            return  # "The audit does not mean Hensley has been charged"
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
            return
        accused = resolve(self.ctx, subj)
        agent = prep_object(tok, "by")
        if agent is not None and not resolve(self.ctx, agent).entities:
            agent = None  # "charged with theft by deception": part of the offence
        sent = {t.lower_ for t in tok.sent}
        if agent is not None:
            accuser = resolve(self.ctx, agent)
        else:
            org = self.prosecutor(tok)
            if org is None and sent & {"police", "officers", "sheriff"}:
                org = self.official(POLICE_MARKERS)
            if org is not None:
                accuser = Ref(entities=[org])
            else:
                accuser = Ref(description="police" if "police" in sent else "prosecutors")
        self.add(
            accuser,
            accused,
            tokens_of(accused.tokens, tok, offence.subtree, agent and agent.subtree),
            tok,
            "rule:charged-with",
            0.7,
            subtree_text(self.ctx, offence),
        )

    def found_that(self, tok: Token) -> None:
        """'The inquiry found that Y misused public funds': the inquiry accuses Y."""
        subj = subject_of(tok)
        ccomp = child(tok, "ccomp")
        if subj is None or ccomp is None or is_question(tok) or hypothetical(ccomp):
            return
        ent = self.ctx.registry.entity_at(subj)
        words = {w.lower() for w in (ent.name.split() if ent else [])} | {
            subj.lower_,
            subj.lemma_.lower(),
        }
        if not words & INQUIRY_NOUNS or is_negated(ccomp):
            return
        if not (misconduct_clause(ccomp) or hostile_acts(ccomp)):
            return
        accuser = resolve(self.ctx, subj)
        if not accuser.entities:
            # "A Title IX investigation at Eastfield State University has found ...": the
            # institution named in the inquiry's own phrase
            owner = prep_object(subj, "at", "by", "of", "from")
            ents = resolve(self.ctx, owner).entities if owner is not None else []
            if ents and all(e.kind == "org" for e in ents):
                accuser = Ref(entities=ents, tokens=list(subj.subtree))
        target = clause_subject(ccomp)
        if target is None or not (
            self.ctx.registry.entity_at(target) is not None
            or target.lower_ in {"he", "she", "it"}
            or target.lower_ in {"company", "firm", "club", "team", "university"}
        ):
            return
        accused = resolve(self.ctx, target, {e.name for e in accuser.entities})
        self.add(
            accuser,
            accused,
            tokens_of(accuser.tokens, tok, ccomp.subtree),
            tok,
            "rule:inquiry-found",
            0.7,
            subtree_text(self.ctx, ccomp),
        )

    def tested_positive(self, tok: Token) -> None:
        """'Y tested positive for a banned steroid': the anti-doping agency accuses Y."""
        if not any(c.lower_ == "positive" for c in tok.children) or is_question(tok):
            return
        substance = prep_object(tok, "for")
        for c in tok.children:
            if c.lower_ == "positive" and substance is None:
                substance = prep_object(c, "for")
        subj = child(tok, "nsubj")
        if subj is None or substance is None:
            return
        accused = resolve(self.ctx, subj)
        agency = self.official(DOPING_MARKERS)
        accuser = Ref(entities=[agency]) if agency else Ref(description="a doping test")
        self.add(
            accuser,
            accused,
            tokens_of(accused.tokens, tok, substance.subtree),
            tok,
            "rule:tested-positive",
            0.7 if agency else 0.5,
            "tested positive for " + subtree_text(self.ctx, substance),
        )

    def passive_source(self, tok: Token) -> Ref | None:
        """Who stands behind 'Y is accused of ...' with no 'by': 'according to X', ', X said',
        'in a complaint by X', 'X's lawsuit'."""
        heads = [tok, tok.head] if tok.dep_ in {"conj", "advcl"} else [tok]
        for h in heads:
            for c in h.children:
                if c.lower_ == "according":
                    src = prep_object(c, "to")
                    if src is not None:
                        return resolve(self.ctx, src)
                if c.dep_ == "prep" and c.lower_ in {"in"}:
                    doc = prep_object(c, "in")
                    if doc is not None:
                        ref = resolve(self.ctx, doc)
                        if ref.via == "document" and ref.entities:
                            return ref
        if tok.dep_ == "ccomp" and word_in(tok.head, SAY_WORDS) and not is_negated(tok.head):
            subj = child(tok.head, "nsubj")
            if subj is not None and not representative(subj):
                ref = resolve(self.ctx, subj)
                if ref.via not in {"lawyer", "spokesperson"} and ref.entities:
                    return ref
        return None
