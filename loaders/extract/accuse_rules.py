"""Allegation rules around 'accuse' and 'allege': active, passive, 'who has accused',
'a lawsuit accusing', 'alleged that', and a word-order fallback for mangled parses."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.charge_rules import ChargeRules
from loaders.extract.deps import (
    broken_subject,
    child,
    clause_subject,
    direct_object,
    mocking,
    prep_object,
    subtree_text,
    that_clause,
    tokens_of,
    word_in,
)
from loaders.extract.lexicon import ACCUSE_WORDS, DOCUMENT_NOUNS, SAY_WORDS, SUE_WORDS
from loaders.extract.resolve import Ref, resolve, subject_of
from loaders.extract.speech_rules import inner_account, speaks_of_self
from loaders.extract.surface import left_ref, right_ref

# What someone publishes in their own name: "posted a message accusing him of ..."
POST_NOUNS = {"message", "post", "essay", "video", "tweet", "thread", "op-ed", "column", "blog"}


class AccuseRules(ChargeRules):
    def accuse(self, tok: Token) -> None:
        of = prep_object(tok, "of")
        summary = subtree_text(self.ctx, of)
        if self.document_accuses(tok, of, summary):
            return
        # "the first woman to accuse Y" is active; "the man accused of" is not.
        infinitival = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        # "the women accusing Y" (a present participle) is active too.
        passive = child(tok, "nsubjpass", "auxpass") is not None or (
            tok.dep_ in {"acl", "amod"} and not infinitival and tok.tag_ != "VBG"
        )
        if passive and self.glued_active(tok, of, summary):
            return
        if passive:
            # "New York restaurateur Howard Kinsella was accused" parsed with two subjects
            subj = clause_subject(tok, "nsubjpass")
            target_tok = (
                subj if subj is not None else (tok.head if tok.dep_ in {"acl", "amod"} else None)
            )
            if target_tok is None:
                target_tok = subject_of(tok)
            accused = resolve(self.ctx, target_tok)
            agent = prep_object(tok, "by")
            accuser = resolve(self.ctx, agent, {accused.entity.name} if accused.entity else None)
            conf = 0.85 if agent is not None else 0.6
            source = self.passive_source(tok) if agent is None else None
            if source is not None and accused.entity not in source.entities:
                accuser, conf = source, 0.75  # "Y is accused of ..., according to X"
            self.add(
                accuser,
                accused,
                tokens_of(accused.tokens, tok, of and of.subtree, agent and agent.subtree),
                tok,
                "rule:accused-by" if agent is not None else "rule:was-accused",
                conf,
                summary,
            )
            self.add_included(agent, accused, tok, of, conf, summary)
            return
        obj = direct_object(tok)
        if obj is None:
            return
        subj = subject_of(tok)
        late = subordinate_subject(tok, subj)
        if late is not None:
            subj = late
        accuser, subj = self.active_accuser(tok, subj)
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
            if named is None:
                named = self.named_in_object(tok, {e.name for e in accuser.entities})
                if named is not None and of is None:
                    of = prep_object(named, "of")
                    summary = subtree_text(self.ctx, of)
            if named is not None:
                accused = Ref(entities=[self.ctx.registry.entity_at(named)], tokens=[named])
        method = "rule:who-has-accused" if tok.dep_ == "relcl" else "rule:accused-of"
        conf = 0.9
        if subj is not None and broken_subject(subj):
            # "A former engineer at the payments startup Quillpath has accused": the parser
            # made "startup" the verb; the accuser is the whole phrase before the trigger.
            accuser = self.left_phrase(subj, tok)
            conf = 0.7
        by_org = bool(accuser.entities) and all(e.kind == "org" for e in accuser.entities)
        if of is not None and mocking(self.ctx, tok, of, by_org):
            conf = 0.45  # "accused the top bidder of 'trying to buy the whole harbor'"
        self.add(
            accuser,
            accused,
            tokens_of(accuser.tokens, tok, obj, of and of.subtree),
            tok,
            method,
            conf,
            summary,
        )

    def active_accuser(self, tok: Token, subj: Token | None) -> tuple[Ref, Token | None]:
        accuser = resolve(self.ctx, subj)
        if subj is not None:
            accuser = self.filer(accuser, subj)  # "The suit also accuses Y": its plaintiffs
        if not accuser.entities:
            accuser, subj = self.reporter_of_conj(tok, accuser, subj)
        return accuser, subj

    def reporter_of_conj(
        self, tok: Token, accuser: Ref, subj: Token | None
    ) -> tuple[Ref, Token | None]:
        """"X's complaint says the account is false and accuses Y of ...": the parser joined
        'accuses' to the reported clause; who says it is who accuses."""
        if tok.dep_ != "conj" or tok.head.dep_ != "ccomp" or not word_in(tok.head.head, SAY_WORDS):
            return accuser, subj
        reporter = subject_of(tok.head.head)
        ref = resolve(self.ctx, reporter)
        if reporter is not None:
            ref = self.filer(ref, reporter)
        return (ref, reporter) if ref.entities else (accuser, subj)

    def glued_active(self, tok: Token, of: Token | None, summary: str) -> bool:
        """'Former coordinator Ann Vole accused game-show host Ben Rusk of ...' parsed with
        'accused' as an adjective of 'host': a name ending just before the trigger and the
        noun it modifies after it make the plain active clause."""
        if tok.dep_ != "amod" or tok.head.i <= tok.i or tok.i == tok.sent.start:
            return False
        mention = self.ctx.registry.by_token.get(tok.i - 1)
        if mention is None or mention.end != tok.i:
            return False
        accuser = Ref(entities=[mention.entity], tokens=list(self.ctx.doc[mention.start : tok.i]))
        accused = resolve(self.ctx, tok.head, {mention.entity.name})
        if accused.entity is None:
            return False
        self.add(
            accuser,
            accused,
            tokens_of(accuser.tokens, tok, tok.head.subtree, of and of.subtree),
            tok,
            "rule:accused-of",
            0.75,
            summary,
        )
        return True

    def add_included(
        self,
        group: Token | None,
        accused: Ref,
        tok: Token,
        of: Token | None,
        conf: float,
        summary: str,
    ) -> None:
        """'... by at least 20 women, including actress Jane Roe': each named member too."""
        if group is None or accused.entity is None:
            return
        member = prep_object(group, "including")
        if member is None:
            return
        named = resolve(self.ctx, member, {accused.entity.name})
        if not named.entities:
            return
        self.add(
            Ref(entities=named.entities, tokens=named.tokens),
            accused,
            tokens_of(accused.tokens, tok, of and of.subtree, group.subtree),
            tok,
            "rule:accusers-including",
            conf - 0.05,
            summary,
        )

    def named_in_object(self, tok: Token, exclude: set[str]) -> Token | None:
        """'accused Guess co-founder Paul Marciano of': the parser splits a long object into
        several; the one entity between the verb and 'of' is the accused."""
        of = next((t for t in tok.doc[tok.i + 1 : tok.sent.end] if t.lower_ == "of"), None)
        if of is None:
            return None
        window = tok.doc[tok.i + 1 : of.i]
        if not window or any(t.pos_ in {"VERB", "AUX"} or t.text in {";", ":"} for t in window):
            return None
        hits = {
            e.name: t
            for t in window
            if (e := self.ctx.registry.entity_at(t)) is not None and e.name not in exclude
        }
        return next(iter(hits.values())) if len(hits) == 1 else None

    def left_phrase(self, subj: Token, tok: Token) -> Ref:
        """The noun phrase from the sentence start to the subject, as an unnamed description."""
        sent = tok.sent
        toks = [t for t in sent if t.i <= subj.i]
        if not toks or toks[0].lower_ not in {"a", "an", "the"}:
            return Ref()
        start, end = self.ctx.trim(toks[0].idx, toks[-1].idx + len(toks[-1].text))
        return Ref(description=self.ctx.text[start:end], tokens=toks)

    def document_accuses(self, tok: Token, of: Token | None, summary: str) -> bool:
        """'filed a lawsuit accusing him of ...', 'a report accusing the company of ...': the
        document's filer (the subject of 'filed'), else the document, accuses the object."""
        obj = direct_object(tok)
        # "a lawsuit accusing the manager of ... and accusing the company of ...": the second
        # trigger shares the first one's document
        first = tok
        if tok.dep_ == "conj":
            # the conjunct may hang on a word inside the first trigger's 'of' clause
            cur = tok.head
            for _ in range(4):
                if word_in(cur, ACCUSE_WORDS) and cur.dep_ in {"acl", "advcl"}:
                    first = cur
                    break
                if cur.head == cur:
                    break
                cur = cur.head
        head = first.head
        if first.dep_ == "advcl" and head.pos_ == "VERB":
            subj = child(head, "nsubj")
            if subj is not None and word_in(subj, DOCUMENT_NOUNS) and obj is not None:
                return self.document_names(tok, head, subj, obj, of, summary)
            # "has filed a lawsuit accusing him", with "accusing" hung on the verb
            head = child(head, "dobj") or head
        if (
            first.dep_ not in {"acl", "advcl"}
            or obj is None
            or not (word_in(head, DOCUMENT_NOUNS) or head.lemma_.lower() in POST_NOUNS)
        ):
            return False
        filer = subject_of(head.head) if head.dep_ == "dobj" else None
        accuser = resolve(self.ctx, filer) if filer is not None else resolve(self.ctx, head)
        if accuser.entity is None and accuser.description is None:
            accuser = resolve(self.ctx, head)
        accused = resolve(self.ctx, obj, {e.name for e in accuser.entities})
        self.add(
            accuser,
            accused,
            tokens_of(accuser.tokens, head, tok, obj, of and of.subtree),
            tok,
            "rule:document-accusing",
            0.8,
            summary,
        )
        return True

    def document_names(
        self, tok: Token, verb: Token, doc_noun: Token, obj: Token, of: Token | None, summary: str
    ) -> bool:
        """'The suit also names Rivard's management company, Northstar, accusing it of ...':
        the filing's filer accuses the object, which 'it' takes from the naming verb."""
        accuser = self.filer(resolve(self.ctx, doc_noun), doc_noun)
        target = obj
        if obj.lower_ in {"it", "them", "him", "her"}:
            target = child(verb, "dobj") or obj
        accused = resolve(self.ctx, target, {e.name for e in accuser.entities})
        self.add(
            accuser,
            accused,
            tokens_of(accuser.tokens, verb, target.subtree, tok, obj, of and of.subtree),
            tok,
            "rule:document-accusing",
            0.75,
            summary,
        )
        return True

    def allege(self, tok: Token) -> None:  # noqa: C901
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
            conf = 0.65
            source = self.passive_source(tok) if agent is None else None
            if source is not None and accused.entity not in source.entities:
                accuser, conf = source, 0.7  # "Y is alleged to have ..., X said"
            xcomp = child(tok, "xcomp")
            summary = subtree_text(self.ctx, xcomp or ccomp)
            self.add(
                accuser,
                accused,
                tokens_of(accused.tokens, tok, (xcomp or ccomp or tok).subtree),
                tok,
                "rule:is-alleged",
                conf,
                summary,
            )
            return
        accuser = resolve(self.ctx, subj)
        if subj is not None:
            accuser = self.filer(accuser, subj)  # "The complaint alleges ...": its plaintiff
        if tok.dep_ == "advcl" and child(tok, "nsubj") is None:
            # ", a day after a local contractor, Henrik Solberg, alleged that ...": the parser
            # hung "alleged" on the main verb, whose subject is someone else; the name just
            # before the trigger is the one alleging.
            left = left_ref(self.ctx, tok)
            if left is not None and left.entities:
                accuser = left
        if accuser.entity is None and accuser.description is None:
            return
        exclude = {e.name for e in accuser.entities}
        if ccomp is None:
            ccomp = that_clause(tok)
        if ccomp is not None:
            target = clause_subject(ccomp)
            if speaks_of_self(self.ctx, accuser, target):
                # "Blake alleges that she told the coach ...": the wrong, if any, is in a
                # nested clause with a named actor
                inner = inner_account(self.ctx, ccomp)
                if inner.i == ccomp.i:
                    return
                ccomp, target = inner, clause_subject(inner)
            if target is None:
                agent = prep_object(ccomp, "by")
                if agent is None:
                    return
                target = agent
            accused = resolve(self.ctx, target, exclude)
            self.add(
                accuser,
                accused,
                tokens_of(accuser.tokens, tok, ccomp.subtree),
                tok,
                "rule:alleges-that",
                0.85,
                subtree_text(self.ctx, ccomp),
            )
            return
        obj = direct_object(tok)
        if obj is not None:
            target = prep_object(obj, "by", "against") or prep_object(tok, "against", "by")
            if target is not None:
                accused = resolve(self.ctx, target, exclude)
                self.add(
                    accuser,
                    accused,
                    tokens_of(accuser.tokens, tok, obj.subtree),
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
                    tokens_of(accuser.tokens, tok.head, tok.subtree),
                    tok,
                    "rule:sued-alleging",
                    0.8,
                    subtree_text(self.ctx, obj),
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
        while after < tok.sent.end and self.ctx.registry.entity_at(doc[after]) is accused.entity:
            after += 1  # "the film mogul Harold Weiss harassed": past the name after the role
        if (
            accused.via == "pronoun"
            and accused.tokens
            and speaks_of_self(self.ctx, accuser, accused.tokens[0])
        ):
            return  # "Blake alleges that she told ...": she is Blake
        if any(self.ctx.registry.entity_at(t) is accused.entity for t in accuser.tokens):
            return  # "X sued ..., alleging that she was fired": the pronoun is the accuser
        if after + 1 < tok.sent.end and doc[after].lemma_ == "be" and doc[after + 1].tag_ == "VBN":
            return  # "alleging that she was fired": a passive's subject is the one wronged
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


SUBORDINATORS = {"after", "before", "since", "until", "when", "while", "because", "as"}


def subordinate_subject(tok: Token, subj: Token | None) -> Token | None:
    """'X suspended Y on Thursday, hours after two players accused him of ...', parsed with
    'accused' as the root and 'after two players' as its prepositional phrase: the real subject
    is the object of the subordinating 'after', between the parsed subject and the trigger."""
    if subj is None or subj.i > tok.i:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in SUBORDINATORS and subj.i < c.i < tok.i:
            pobj = child(c, "pobj")
            if pobj is not None and pobj.right_edge.i == tok.i - 1:
                return pobj
    return None
