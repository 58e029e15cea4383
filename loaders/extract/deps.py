"""Dependency-tree helpers and wording tests shared by the allegation and response rules."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from loaders.extract.context import Context
from loaders.extract.lexicon import MISCONDUCT_WORDS
from loaders.extract.mentions import Entity, norm

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
    "misconduct",
    "misus",
    "misappropriat",
    "falsif",
    "doping",
    "discriminat",
    "launder",
    "extort",
    "forced himself",
    "forcibl",
    "exposed himself",
    "masturbat",
    "drugg",
    "coerc",
    "without consent",
    "without my consent",
    "without their consent",
)
LAWSUIT_NOUNS = {"lawsuit", "suit", "complaint", "claim", "charges", "case", "petition", "action"}


# Outlets named by one ordinary word are outlets only under that bare name: "The Atlantic",
# not "the Atlantic Markets Authority".
WHOLE_NAME_OUTLETS = frozenset({"atlantic", "deadline", "variety"})
# An outlet word starts a word of the name ("Newsweek", "Daily Beast"), never inside one.
_OUTLET_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in OUTLET_WORDS if w not in WHOLE_NAME_OUTLETS) + ")"
)


def is_outlet(ctx: Context, ent: Entity) -> bool:
    name = ent.name.lower()
    outlet = norm(str(ctx.doc.user_data.get("outlet") or ""))
    bare = name.removeprefix("the ").strip()
    return ent.kind == "org" and (
        _OUTLET_RE.search(name) is not None
        or bare in WHOLE_NAME_OUTLETS
        or (outlet != "" and norm(name) == outlet)
    )


def word_in(tok: Token, words: set[str]) -> bool:
    return tok.lower_ in words or tok.lemma_.lower() in words


def misconduct_clause(verb: Token, affirmed_only: bool = False) -> bool:
    """A clause whose words name wrongdoing ("made sexual comments", "threatened to cut").
    `affirmed_only`: not counting words under a negated verb ("who never behaved
    inappropriately")."""
    toks = affirmed(verb) if affirmed_only else list(verb.subtree)
    text = " ".join(t.lower_ for t in toks)
    return any(stem in text for stem in WRONG_STEMS)


def under_negation(tok: Token, clause: Token) -> bool:
    """Whether a negated verb inside `clause` governs `tok` (or is `tok`)."""
    cur = tok
    while True:
        if cur.pos_ in {"VERB", "AUX"} and is_negated(cur):
            return True
        if cur.i == clause.i or cur.head.i == cur.i:
            return False
        cur = cur.head


def affirmed(clause: Token) -> list[Token]:
    """The clause's tokens that no negated verb inside the clause governs."""
    return [t for t in clause.subtree if not under_negation(t, clause)]


def broken_subject(subj: Token) -> bool:
    """A subject noun phrase glued to a preceding word tagged VERB ("the payments startup
    Quillpath has accused", with "startup" parsed as the main verb): the parse is broken and
    the real subject is probably a longer phrase to the left."""
    if subj.dep_ not in {"nsubj", "nsubjpass"}:
        return False  # "became the first woman to accuse": a predicate noun, not a subject
    first = min(subj.subtree, key=lambda t: t.i)
    if first.i == 0:
        return False
    before = subj.doc[first.i - 1]
    return before.pos_ == "VERB" and before.sent == subj.sent and before.dep_ == "ROOT"


JOKE_WORDS = {"joked", "joking", "jokingly", "quipped", "teased", "teasing", "laughter", "jest"}


def mocking(ctx: Context, tok: Token, charge: Token, by_org: bool = False) -> bool:
    """'accused X of "trying to buy the whole harbor"': the charge (the object of 'of') is a
    quotation naming no wrongdoing, or the sentence says it was a joke. An organisation's
    accusation ("a short seller accused Corvane of 'manufacturing growth'") is no banter."""
    if any(t.lower_ in JOKE_WORDS for t in tok.sent):
        return True
    quote = ctx.quote_of(charge)
    if quote is None or by_org:
        return False
    # The quoted words only: "after she won a sailboat" outside the marks does not count.
    toks = [t for t in charge.subtree if ctx.quote_of(t) is quote]
    quoted = True
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


def direct_object(tok: Token) -> Token | None:
    """The verb's object; of two ("accusing rival Skyward Dynamics of ...", one noun phrase the
    parser split), the name right after a lone lower-case descriptor."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if (
        len(objs) >= 2
        and objs[0].text.islower()
        and objs[1].pos_ == "PROPN"
        and objs[1].left_edge.i == objs[0].right_edge.i + 1
    ):
        return objs[1]
    return objs[0] if objs else None


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


def tokens_of(*groups: Iterable[Token] | Token | None) -> list[Token]:
    out: list[Token] = []
    for g in groups:
        if g is None:
            continue
        if isinstance(g, Token):
            out.append(g)
        else:
            out.extend(g)
    return out


VERBAL_ARENAS = {
    "press",
    "media",
    "interview",
    "interviews",
    "twitter",
    "column",
    "podcast",
    "op-ed",
}


def verbal(verb: Token) -> bool:
    """'attacked him in the press', 'attacked her publicly': words, not a wrong done."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in {"publicly", "verbally", "online"}:
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ in {"in", "on"}
            and any(g.dep_ == "pobj" and g.lower_ in VERBAL_ARENAS for g in c.children)
        ):
            return True
    return False


def clause_subject(verb: Token, dep: str = "nsubj") -> Token | None:
    """The clause's subject; of two ('their dispatcher , Owen Tull' split by the parser into two
    subjects), the proper name."""
    subjects = [c for c in verb.children if c.dep_ == dep]
    if len(subjects) > 1:
        named = [c for c in subjects if c.pos_ == "PROPN"]
        if named:
            return named[-1]
    return subjects[0] if subjects else None
