"""Allegation rules for accounts and filings: 'X faces accusations from Y', 'the suit claims that
Y ...', 'filed a complaint saying Y ...', 'reported Y to HR for ...', and the tests that grade a
reported clause (hostile acts, hypotheticals, statements made inside a filing)."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.deps import (
    child,
    is_negated,
    misconduct_clause,
    prep_object,
    subtree_text,
    tokens_of,
    under_negation,
    verbal,
    word_in,
)
from loaders.extract.finder_base import FinderBase
from loaders.extract.lexicon import (
    ALLEGE_WORDS,
    CLAIM_VERBS,
    HOSTILE_PHRASES,
    HOSTILE_WORDS,
    LEGAL_NOUNS,
    MISCONDUCT_WORDS,
    SAY_WORDS,
)
from loaders.extract.resolve import Ref, resolve, subject_of

FACE_VERBS = {"face", "faces", "faced", "facing", "confront", "confronts", "confronted"}


def hostile_acts(clause: Token) -> bool:
    """A verb in the clause names a hostile or wrongful act and is not itself negated (nor
    under a negated verb): 'said he had screamed at her', not 'had never mistreated him'."""
    for t in clause.subtree:
        if t.pos_ != "VERB" or not (word_in(t, HOSTILE_WORDS) or word_in(t, MISCONDUCT_WORDS)):
            continue
        if not verbal(t) and not under_negation(t, clause):
            return True
    text = " ".join(t.lower_ for t in clause.subtree)
    return any(p in text for p in HOSTILE_PHRASES)


def hypothetical(clause: Token) -> bool:
    """'said that if X had done ...', 'asked whether X ...': not an assertion."""
    if any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in clause.children):
        return True
    modal = {"would", "could", "might"}
    conditional = any(c.dep_ == "aux" and c.lower_ in modal for c in clause.children)
    return conditional and any(
        c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children) for c in clause.children
    )


def intention(clause: Token) -> bool:
    """'She said Amaranthe would ask the court to dismiss it': what someone will do, with no
    wrongdoing in it, is no account of a wrong."""
    future = any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} for c in clause.children)
    return future and not misconduct_clause(clause)


def in_filing(verb: Token) -> bool:
    """'In the suit, X says Y ...': the statement is made inside a legal filing."""
    obj = prep_object(verb, "in")
    return obj is not None and word_in(obj, LEGAL_NOUNS)


def clause_target(clause: Token) -> Token | None:
    if child(clause, "nsubjpass", "auxpass") is not None:
        return prep_object(clause, "by")
    return child(clause, "nsubj")


class ReportRules(FinderBase):
    def named_target(self, target: Token | None, exclude: set[str]) -> Ref | None:
        """The clause's actor, when it names an entity (or a pronoun/role for one)."""
        if target is None:
            return None
        ref = resolve(self.ctx, target, exclude)
        if ref.entity is None:
            return None
        if ref.via in {"pronoun", "role"} or self.ctx.registry.entity_at(target) is not None:
            return ref
        return None

    def document_says(self, tok: Token, subj: Token, speaker: Ref, clause: Token) -> None:
        """'The suit also claims that Y knew ...', 'The complaint says Y ...': a filing's
        statement about a named party is its filer's allegation; a letter's or report's
        statement counts only when it names wrongdoing."""
        legal = word_in(subj, LEGAL_NOUNS)
        wrong = misconduct_clause(clause) or hostile_acts(clause)
        if not (legal or wrong) or is_negated(clause) or hypothetical(clause):
            return
        accuser = self.filer(speaker, subj)
        accused = self.named_target(clause_target(clause), {e.name for e in accuser.entities})
        if accused is None:
            return
        self.add(
            accuser,
            accused,
            tokens_of(subj, tok, clause.subtree),
            tok,
            "rule:document-says",
            0.75 if legal else 0.65,
            subtree_text(self.ctx, clause),
        )

    def faces(self, tok: Token) -> bool:
        """'Y faces accusations from four former employees who say ...', 'Y is facing
        allegations of fraud': the subject of 'face' is accused."""
        head = tok.head
        if tok.dep_ != "dobj" or not word_in(head, FACE_VERBS) or is_negated(head):
            return False
        accused = resolve(self.ctx, subject_of(head))
        before = tok.doc[head.i - 1] if head.i > 0 else None
        if accused.entity is None and before is not None and before.pos_ in {"NOUN", "PROPN"}:
            # "BOISE, Idaho (FP) — Idaho's state treasurer faces ...": a dateline parsed as
            # the subject; the noun right before the verb heads the real one.
            accused = resolve(self.ctx, before)
        if accused.entity is None:
            return True
        source = prep_object(tok, "from", "by") or prep_object(head, "from", "by")
        accuser = resolve(self.ctx, source, {accused.entity.name})
        self.add(
            accuser,
            accused,
            tokens_of(accused.tokens, head, tok.subtree),
            head,
            "rule:faces-accusations",
            0.8 if source is not None else 0.6,
            subtree_text(self.ctx, prep_object(tok, "of")) or subtree_text(self.ctx, tok),
        )
        return True

    def file_saying(self, tok: Token, obj: Token) -> None:
        """'a former kennel worker filed a complaint with HR saying Y had changed records'."""
        saying = next(
            (
                c
                for c in (*tok.children, *obj.children)
                if c.dep_ in {"advcl", "acl", "relcl"}
                and (word_in(c, SAY_WORDS) or word_in(c, ALLEGE_WORDS) or word_in(c, CLAIM_VERBS))
            ),
            None,
        )
        clause = child(saying, "ccomp") if saying is not None else None
        if clause is None or is_negated(clause) or hypothetical(clause):
            return
        accuser = resolve(self.ctx, subject_of(tok))
        if accuser.entity is None and accuser.description is None:
            return
        if not accuser.entities:
            # "The former CFO ... filed a complaint saying ..." then "Wrexham filed the
            # complaint with regulators"
            later = self.filer_named_later(tok, {obj.lemma_.lower()})
            if later is not None:
                accuser = Ref(entities=[later], tokens=accuser.tokens)
        accused = self.named_target(clause_target(clause), {e.name for e in accuser.entities})
        if accused is None:
            return
        self.add(
            accuser,
            accused,
            tokens_of(accuser.tokens, tok, obj, saying, clause.subtree),
            tok,
            "rule:complaint-saying",
            0.75,
            subtree_text(self.ctx, clause),
        )

    def reported_to(self, tok: Token) -> bool:
        """'nine employees reported Y to the company's human resources team for demeaning
        comments': a report of someone to an authority, for a stated reason."""
        if tok.lemma_.lower() != "report" or is_negated(tok):
            return False
        obj = child(tok, "dobj")
        to = prep_object(tok, "to")
        reason = prep_object(tok, "for")
        if obj is None or to is None or reason is None:
            return False
        accuser = resolve(self.ctx, subject_of(tok))
        if accuser.entity is None and accuser.description is None:
            return False
        accused = self.named_target(obj, {e.name for e in accuser.entities})
        if accused is None:
            return False
        self.add(
            accuser,
            accused,
            tokens_of(accuser.tokens, tok.subtree),
            tok,
            "rule:reported-to",
            0.75,
            subtree_text(self.ctx, reason),
        )
        return True
