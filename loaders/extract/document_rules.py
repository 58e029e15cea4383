"""Allegation rules for lawsuits and documents ('X sued Y', 'filed a complaint against'),
'according to X', 'allegations against Y', and 'Y's accuser X'."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.deps import (
    LAWSUIT_NOUNS,
    broken_subject,
    child,
    clause_subject,
    misconduct_clause,
    prep_object,
    subtree_text,
    tokens_of,
    word_in,
)
from loaders.extract.finder_base import PROSECUTOR_NOUNS
from loaders.extract.lexicon import (
    ACCUSE_WORDS,
    ALLEGE_WORDS,
    DENY_WORDS,
    LEGAL_NOUNS,
    MISCONDUCT_WORDS,
)
from loaders.extract.report_rules import ReportRules
from loaders.extract.resolve import Ref, resolve, subject_of


class DocumentRules(ReportRules):
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
            # "sued X and its former CFO, Y, accusing them of ...": the accusing rule reports
            # its own object with the content; the defendants are accused here too.
            summary = subtree_text(self.ctx, prep_object(alleging, "of")) or summary
        if child(tok, "nsubjpass", "auxpass") is not None:
            accused = resolve(self.ctx, child(tok, "nsubjpass"))
            agent = prep_object(tok, "by")
            accuser = resolve(self.ctx, agent)
            self.add(
                accuser,
                accused,
                tokens_of(accused.tokens, tok.subtree),
                tok,
                "rule:lawsuit",
                0.7,
                summary or "lawsuit",
            )
            return
        obj = child(tok, "dobj")
        if obj is None:
            return
        subj = subject_of(tok)
        if subj is not None and broken_subject(subj):
            return  # "The chief executive of payments startup Pennyforge has countersued": the
            # parser made "startup" the verb; the suer is not the company in the phrase
        accuser = resolve(self.ctx, subj)
        if tok.dep_ == "conj" and word_in(tok.head, DENY_WORDS) and alleging is None:
            return  # "X has denied the allegations and is suing the network": a countersuit
        accused = resolve(self.ctx, obj, {e.name for e in accuser.entities})
        if obj.conjuncts:
            # "sued X Inc and its former CFO, Thomas Y,": the name hangs on the first conjunct.
            for c in obj.children:
                ent = self.ctx.registry.entity_at(c) if c.dep_ == "appos" else None
                if ent is not None and ent not in accused.entities:
                    accused.entities.append(ent)
        self.add_each(
            accuser,
            accused,
            tokens_of(accuser.tokens, tok.subtree),
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
            self.file_saying(tok, obj)
            return
        accuser = resolve(self.ctx, subject_of(tok))
        accused = resolve(self.ctx, target, {e.name for e in accuser.entities})
        self.add(
            accuser,
            accused,
            tokens_of(accuser.tokens, tok.subtree),
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
        # "according to prosecutors, X hid the transfers": prosecutors speak as a filing does.
        legal = word_in(source, LEGAL_NOUNS) or source.lower_ in PROSECUTOR_NOUNS
        if not (word_in(verb, MISCONDUCT_WORDS) or (legal and self.named_subject(verb))):
            return  # "according to the complaint, X directed staff to ...": a filing's claim
        accuser = self.filer(resolve(self.ctx, source), source)
        if child(verb, "nsubjpass", "auxpass") is not None:
            target = prep_object(verb, "by")
        else:
            target = subject_of(verb)
        accused = resolve(self.ctx, target, {e.name for e in accuser.entities})
        self.add(
            accuser,
            accused,
            tokens_of(accuser.tokens, verb.subtree),
            verb,
            "rule:according-to",
            0.75 if word_in(verb, MISCONDUCT_WORDS) else 0.7,
            subtree_text(self.ctx, verb),
        )

    def noun(self, tok: Token) -> None:
        against = prep_object(tok, "against")
        of = prep_object(tok, "of")
        accuser_tok = child(tok, "poss")
        target = against
        if target is None and of is not None:
            target = prep_object(of, "by")
        if target is None and consequence_of(tok) is not None:
            # "X, who was fired last month after allegations of sexual misconduct"
            target = consequence_of(tok)
        if target is None:
            denier = denied_by(tok)
            if denier is not None and accuser_tok is not None:
                # "Park's allegations, which Whitaker denies": the denier is the accused
                target = denier
            else:
                self.noun_that(tok, accuser_tok)
                return
        conf = 0.6
        if accuser_tok is None and against is not None:
            accuser_tok = prep_object(tok, "by", "from")
        if accuser_tok is None and came_forward_with(tok):
            # "X came forward with allegations against Y", "the latest woman to come forward"
            accuser_tok, conf = subject_of(tok.head.head), 0.75
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
            tokens_of(tok.subtree),
            tok,
            "rule:allegations-against",
            conf,
            subtree_text(self.ctx, of) or subtree_text(self.ctx, tok),
        )

    def noun_that(self, tok: Token, poss: Token | None) -> None:
        """ "Solberg's allegation that Masterson asked him for a bribe": a named possessor, and
        a 'that' clause whose named subject did something wrong."""
        reg = self.ctx.registry
        if poss is None:
            # "claims by three former aides that Whitaker groped them"
            poss = prep_object(tok, "by", "from")
            if poss is None:
                return
        elif resolve(self.ctx, poss).entity is None:
            return
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in {"acl", "ccomp", "relcl"}
                and any(
                    m.lower_ == "that"
                    and (m.dep_ == "mark" or getattr(clause_subject(c), "i", None) != m.i)
                    for m in c.children
                )
            ),
            None,
        )
        # "that" parsed as the relative clause's subject beside the real one ("that Doe raped")
        target = clause_subject(clause) if clause is not None else None
        if clause is None or target is None:
            return
        if reg.entity_at(target) is None and target.lower_ not in {"he", "she"}:
            return
        if not misconduct_clause(clause) and not any(
            word_in(t, MISCONDUCT_WORDS) for t in clause.subtree if t.pos_ == "VERB"
        ):
            return
        accuser = resolve(self.ctx, poss)
        accused = resolve(self.ctx, target, {e.name for e in accuser.entities})
        self.add(
            accuser,
            accused,
            tokens_of(poss, tok, clause.subtree),
            tok,
            "rule:allegation-that",
            0.7,
            subtree_text(self.ctx, clause),
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
        elif tok.dep_ == "nsubj" and tok.head.lemma_ in {"include", "be"}:
            accuser_tok = child(tok.head, "dobj", "attr")  # "Y's accusers include A and B"
        accuser = resolve(self.ctx, accuser_tok, {accused.entity.name} if accused.entity else None)
        if not accuser.entities:
            return
        self.add(
            accuser,
            accused,
            tokens_of(accuser.tokens, tok.subtree),
            tok,
            "rule:accuser-of",
            0.75,
            "accuser",
        )


def came_forward_with(tok: Token) -> bool:
    """'came forward with allegations', 'went public with her accusations'."""
    prep = tok.head
    verb = prep.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ == "with"
        and verb.lemma_.lower() in {"come", "go"}
        and any(c.lower_ in {"forward", "public"} for c in verb.children)
    )


def denied_by(noun: Token) -> Token | None:
    """'allegations, which Whitaker denies': the subject of a denying relative clause."""
    for c in noun.children:
        if c.dep_ == "relcl" and c.lemma_.lower() in {"deny", "dispute", "reject"}:
            subj = child(c, "nsubj")
            if subj is not None and subj.lower_ not in {"which", "that"}:
                return subj
    return None


CONSEQUENCES = {
    "fire", "resign", "suspend", "oust", "step", "quit", "remove", "dismiss", "drop",
    "terminate", "apologize", "apologise", "leave", "sideline", "bar", "ban", "expel",
}  # fmt: skip


def consequence_of(noun: Token) -> Token | None:
    """'was fired after allegations of harassment': whoever suffered the consequence is the
    accused (the subject of the verb, or the person a 'who' clause describes)."""
    prep = noun.head
    verb = prep.head
    if noun.dep_ != "pobj" or prep.lower_ not in {"after", "amid", "over", "following"}:
        return None
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in CONSEQUENCES:
        return None
    if noun.lemma_.lower() not in {"allegation", "accusation", "complaint", "claim"}:
        return None
    subj = child(verb, "nsubjpass") or child(verb, "nsubj")
    if subj is not None and subj.lower_ in {"who", "that"} and verb.dep_ == "relcl":
        subj = verb.head
    return subj
