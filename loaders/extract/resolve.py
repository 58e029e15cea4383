"""Turning a dependency-tree argument into who it names: an entity, a group, or a description."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from loaders.extract.context import Context
from loaders.extract.entitylex import ROLE_TITLES
from loaders.extract.firstnames import gender_of
from loaders.extract.introductions import titled_next
from loaders.extract.lexicon import (
    ACCUSE_WORDS,
    ALLEGE_WORDS,
    CLAIM_VERBS,
    DOCUMENT_NOUNS,
    FIRST_PERSON,
    LAWYER_NOUNS,
    ORG_ROLE_NOUNS,
    PERSON_ROLE_NOUNS,
    PRONOUNS_PERSON,
    SAY_WORDS,
    SPOKES_NOUNS,
)
from loaders.extract.mentions import Entity, norm

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLAUSE_CUT_DEPS = {"relcl", "acl", "punct", "cc", "advcl", "appos"}


@dataclass
class Ref:
    """Who an argument names. `entities` holds several for "X and Y"."""

    entities: list[Entity] = field(default_factory=list)
    description: str | None = None
    principal: Entity | None = None  # the client/employer a spokesperson or lawyer speaks for
    via: str | None = None  # "spokesperson", "lawyer", "document", "role", "pronoun"
    reported_by: list[Entity] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    role: str | None = None  # the representative's role noun: "lawyer", "spokeswoman"
    ambiguous: bool = False  # an antecedent chosen among several compatible candidates

    @property
    def entity(self) -> Entity | None:
        return self.entities[0] if self.entities else None


def np_tokens(tok: Token) -> list[Token]:
    """The noun phrase headed by tok, without relative clauses and trailing appositions."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in CLAUSE_CUT_DEPS:
            continue
        out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def np_text(ctx: Context, tok: Token) -> str:
    toks = np_tokens(tok)
    start, end = ctx.trim(toks[0].idx, toks[-1].idx + len(toks[-1].text))
    return ctx.text[start:end]


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited through conjunction, xcomp and participle chains."""
    seen = 0
    cur = verb
    while cur is not None and seen < 5:
        seen += 1
        subjects = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            # of two ("Carbajal, who was fired after two clients accused him"), the one after
            # the clause's subordinating word
            marks = [c.i for c in cur.children if c.dep_ == "mark"]
            late = [s for s in subjects if any(subjects[0].i < m < s.i for m in marks)]
            return late[0] if late else subjects[0]
        if cur.dep_ in {"conj", "xcomp", "advcl"} and cur.head != cur:
            cur = cur.head
            continue
        if cur.dep_ == "acl" and cur.head != cur:
            return cur.head
        if cur.dep_ == "relcl":
            return cur.head
        return None
    return None


def _entity_in(ctx: Context, tokens: list[Token]) -> Entity | None:
    for t in tokens:
        ent = ctx.registry.entity_at(t)
        if ent is not None:
            return ent
    return None


def _conj_entities(ctx: Context, tok: Token) -> list[Entity]:
    found: list[Entity] = []
    # "Lena Marsh and Dolores Quintero say": the first name is sometimes parsed as a modifier
    # (nmod) of the second, carrying the coordination.
    loose = [
        c
        for c in tok.children
        if c.dep_ == "nmod" and c.i < tok.i and any(g.dep_ == "cc" for g in c.children)
    ]
    for t in [*loose, *(x for c in loose for x in c.conjuncts if x != tok)]:
        ent = ctx.registry.entity_at(t)
        if ent is not None and ent not in found:
            found.append(ent)
    for t in [tok, *tok.conjuncts]:
        group = [t]
        if ctx.registry.entity_at(t) is None:
            # "Council members Yolanda Freitas and Otis Grunwald": the names are appositions.
            # (Not compounds: "the Weinstein allegations" does not name an actor.)
            apps = [c for c in t.children if c.dep_ in {"appos", "flat"}]
            group = [x for a in apps for x in (a, *a.conjuncts)]
        for g in group:
            ent = ctx.registry.entity_at(g)
            if ent is not None and ent not in found:
                found.append(ent)
    return found


def role_phrase(tok: Token) -> str:
    """'spokeswoman', 'executive director', 'lawyer' (modifiers kept, names and determiners not)."""
    mods = [
        c.text
        for c in tok.children
        if c.dep_ in {"amod", "compound"} and c.i < tok.i and c.text[:1].islower()
    ]
    return " ".join([*mods, tok.text])


def _is_spokes(tok: Token) -> bool:
    return tok.lower_ in SPOKES_NOUNS or tok.lemma_.lower() in SPOKES_NOUNS


# "Sen. Warren Ketteridge" is "the senator".
TITLE_ABBREVIATIONS = {
    "sen.": "senator",
    "sen": "senator",
    "rep.": "representative",
    "gov.": "governor",
    "gov": "governor",
    "lt.": "lieutenant",
    "supt.": "superintendent",
    "insp.": "inspector",
    "det.": "detective",
    "sgt.": "sergeant",
    "prof.": "professor",
    "dr.": "doctor",
    "rev.": "reverend",
    "gen.": "general",
    "col.": "colonel",
    "capt.": "captain",
    "atty.": "attorney",
    "cllr": "councillor",
}


def role_holder(ctx: Context, tok: Token, exclude: set[str]) -> Entity | None:
    """The person last given this role: 'Mayor Desmond Achterberg', 'X, the mayor'."""
    word = tok.lemma_.lower()
    for mention in reversed(ctx.registry.mentions):
        if (
            mention.start >= tok.i
            or mention.entity.kind != "person"
            or mention.entity.name in exclude
        ):
            continue
        doc = ctx.doc
        head = doc[mention.start : mention.end].root
        before = doc[mention.start - 1].lower_ if mention.start > 0 else ""
        before = TITLE_ABBREVIATIONS.get(before, doc[mention.start - 1].lemma_.lower())
        titled = before == word or any(
            c.dep_ in {"appos", "compound"} and c.lemma_.lower() == word for c in head.children
        )
        if titled or (head.dep_ == "appos" and head.head.lemma_.lower() == word):
            return mention.entity
    return None


def antecedent(ctx: Context, tok: Token, exclude: set[str] | None = None) -> Entity | None:
    """The person a pronoun refers to: the latest person who was a clause subject in the last
    few sentences (salience), else simply the latest person mentioned (recency)."""
    exclude = exclude or set()
    sent_start = tok.sent.start
    window = [s.start for s in ctx.sentences if s.start < sent_start][-3:]
    limit = window[0] if window else sent_start
    recent_start = window[-1] if window else sent_start
    recent = False
    fallback: Entity | None = None
    wanted = PRONOUN_GENDER.get(tok.lower_)
    lede = _lede_person(ctx, tok, exclude)
    if lede is not None and (wanted is None or name_gender(lede) in {None, wanted}):
        return lede
    for mention in reversed(ctx.registry.mentions):
        if mention.start >= tok.i or mention.entity.kind != "person":
            continue
        if mention.entity.name in exclude or _outlet_named(ctx, mention.entity):
            continue  # never the outlet's own name in the page header ("Quadrangle Report")
        if wanted is not None and name_gender(mention.entity) not in {None, wanted}:
            continue  # "he" is not Fenna Albrecht-Sotelo
        head = tok.doc[mention.start : mention.end].root
        if ctx.quote_of(head) is not None and ctx.quote_of(tok) is None:
            continue
        if fallback is None:
            fallback = mention.entity
            recent = mention.start >= recent_start
        if mention.start < limit:
            break
        if mention.start < recent_start and recent:
            # nobody was a subject since the sentence before: the person named there, even as
            # an object ("reporting about X. ... his shows"), beats an older subject
            return fallback
        if head.dep_ in SUBJECT_DEPS or (
            head.dep_ in {"appos", "poss"} and head.head.dep_ in SUBJECT_DEPS
        ):
            # "X says Y fabricated the messages. He also ...": the reporter, not the one
            # reported on, is the topic a main clause's subject continues (but "A wrote that
            # Y kissed her. Others said that he ...": the reported one, in parallel)
            main = tok.dep_ in SUBJECT_DEPS and tok.head.dep_ == "ROOT"
            return (main and _reporting_subject(ctx, head, exclude, wanted)) or mention.entity
    return fallback


def _reporting_subject(
    ctx: Context, head: Token, exclude: set[str], wanted: str | None
) -> Entity | None:
    """The person subject of the reporting verb whose clause `head` is the subject of."""
    verb = head.head
    if head.dep_ not in SUBJECT_DEPS or verb.dep_ != "ccomp" or verb.head.lemma_ not in {
        "say", "claim", "allege", "write", "argue", "contend", "insist"
    }:
        return None
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    ent = ctx.registry.entity_at(subj) if subj is not None else None
    if ent is None or ent.kind != "person" or ent.name in exclude:
        return None
    return ent if wanted is None or name_gender(ent) in {None, wanted} else None


def _outlet_named(ctx: Context, ent: Entity) -> bool:
    outlet = str(ctx.doc.user_data.get("outlet") or "")
    return bool(outlet) and norm(ent.name) == norm(outlet)


def _statement_author(ctx: Context, tok: Token, exclude: set[str]) -> Entity | None:
    """Whose is 'the statement': the latest earlier statement someone issued, released or
    spoke in ('In a statement, X said', 'X released a statement', "X's statement")."""
    for prev in reversed(ctx.doc[: tok.i]):
        if prev.lemma_.lower() != "statement":
            continue
        poss = next((c for c in prev.children if c.dep_ == "poss"), None)
        if poss is not None:
            ent = _conj_entities(ctx, poss)
            if ent:
                return ent[0]
        verb = next((a for a in prev.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is not None:
            who = resolve(ctx, subject_of(verb), exclude)
            found = who.principal or who.entity
            if found is not None:
                return found
    return None


def _former(tok: Token) -> bool:
    """'two former aides', 'a former agent': people who once held the role speak for
    themselves, not for a principal."""
    return any(
        (c.dep_ == "amod" and c.lower_ in {"former", "ex"}) or c.dep_ == "nummod"
        for c in tok.children
    )


def _lede_person(ctx: Context, tok: Token, exclude: set[str]) -> Entity | None:
    """'The chief operating officer of Bramble resigned after employees accused him ...',
    then 'Scott Delaney, who joined Bramble in 2017, ...': a pronoun in a sentence whose
    subject is an unnamed role refers to the role, named as the next sentence's subject."""
    root = tok.sent.root
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.tag_ != "NN" or ctx.registry.entity_at(subj) is not None:
        return None  # one unnamed person ("The chief operating officer"), not "two players"
    if tok.head.i == root.i:
        return None  # the pronoun must sit in another clause than the role's own
    if subj.lemma_.lower() not in PERSON_ROLE_NOUNS | ROLE_TITLES | {"officer"}:
        return None
    if tok.i in {t.i for t in subj.subtree} or tok.i < subj.i:
        return None
    verb_subj = subject_of(tok.head) if tok.dep_ == "dobj" else None
    if verb_subj is not None and verb_subj.i == subj.i:
        return None  # "the professor sued the student, accusing her": never the professor
    found = titled_next(ctx, np_tokens(subj), tok)
    return found if found is not None and found.name not in exclude else None


def _principal(ctx: Context, tok: Token, exclude: set[str] | None) -> Entity | None:
    """The X of "X's lawyer", "a spokeswoman for X", "his attorney"."""
    for child in tok.children:
        if child.dep_ == "poss":
            if child.lower_ in PRONOUNS_PERSON:
                return antecedent(ctx, child, exclude)
            ent = ctx.registry.entity_at(child) or _entity_in(ctx, list(child.subtree))
            if ent is not None:
                return ent
            if child.lower_ in {"its", "their"}:
                return ctx.registry.previous(child.i, "org")
        if child.dep_ == "prep" and child.lower_ in {"for", "of", "representing", "at"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    if pobj.lower_ in PRONOUNS_PERSON:
                        return antecedent(ctx, pobj, exclude)
                    ent = _entity_in(ctx, list(pobj.subtree))
                    if ent is not None:
                        return ent
                    if pobj.lower_ in ORG_ROLE_NOUNS:
                        return ctx.registry.previous(pobj.i, "org")
        if child.dep_ == "compound":
            ent = ctx.registry.entity_at(child)
            if ent is not None and ent.kind == "org":
                return ent
            if child.lower_ in ORG_ROLE_NOUNS:
                # "a bank spokesman": the bank the article names ("Calloway Trust Bank")
                return org_named_like(ctx, child, exclude) or ctx.registry.previous(
                    child.i, "org", exclude
                )
    return None


# -- accusers introduced in an earlier sentence ------------------------------------------------
GROUP_SUBJECT_NOUNS = {
    "women",
    "men",
    "employees",
    "volunteers",
    "players",
    "staffers",
    "students",
    "plaintiffs",
    "workers",
}
REPORT_HEADS = SAY_WORDS | CLAIM_VERBS | ACCUSE_WORDS | ALLEGE_WORDS
FEMALE_MARKS = {"ms", "ms.", "mrs", "mrs.", "miss", "woman", "mother", "sister", "daughter"}
MALE_MARKS = {"mr", "mr.", "man", "father", "brother", "son"}


def reporting_subject(tok: Token) -> bool:
    """The subject of a reporting or accusing verb, or the X of 'according to X'."""
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        return tok.head.pos_ in {"VERB", "AUX"} and (
            tok.head.lower_ in REPORT_HEADS or tok.head.lemma_.lower() in REPORT_HEADS
        )
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _group_noun(tok: Token) -> bool:
    """'the women', 'the former volunteers' (not 'the women at the plant')."""
    return (
        tok.lower_ in GROUP_SUBJECT_NOUNS
        and tok.tag_ == "NNS"
        and any(c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in tok.children)
        and not any(c.dep_ in {"prep", "relcl", "acl", "appos", "poss"} for c in tok.children)
    )


PRONOUN_GENDER = {
    **dict.fromkeys(("he", "him", "his", "himself"), "he"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "she"),
}


def name_gender(ent: Entity) -> str | None:
    """'she' or 'he' from a full name's given name (census lists), else None."""
    words = ent.name.split()
    if len(words) < 2:
        return None
    found = gender_of(words[0])
    return {"female": "she", "male": "he"}.get(found or "")


def _gender(ctx: Context, start: int, head: Token, ent: Entity | None = None) -> str | None:
    doc = ctx.doc
    marks = {doc[start - 1].lower_} if start > 0 else set()
    marks |= {c.lower_ for c in head.children if c.dep_ in {"appos", "compound"}}
    if head.dep_ == "appos":
        marks.add(head.head.lower_)
    if marks & FEMALE_MARKS:
        return "she"
    if marks & MALE_MARKS:
        return "he"
    return name_gender(ent) if ent is not None else None


def representative_mention(ctx: Context, start: int, head: Token) -> bool:
    """'Heather Lindell, a spokeswoman', 'lawyer Jane Doe', 'the spokeswoman, X'."""
    doc = ctx.doc
    if start > 0 and _is_spokes(doc[start - 1]):
        return True
    if start > 1 and doc[start - 1].text == "," and _is_spokes(doc[start - 2]):
        return True  # "his solicitor, Graham Hewitt,"
    if head.dep_ == "appos" and _is_spokes(head.head):
        return True
    return any(c.dep_ in {"appos", "compound"} and _is_spokes(c) for c in head.children)


def _coordinated(ctx: Context, mentions: list) -> list[list]:
    """Runs of person mentions named together: 'A, B and C', 'analyst A and clerk B' (only
    commas, 'and' and lower-case role words between them, no verb)."""
    runs: list[list] = []
    for m in mentions:
        if runs:
            prev = runs[-1][-1]
            gap = ctx.doc[prev.end : m.start]
            joined = (
                len(gap) <= 6
                and any(t.lower_ in {",", "and"} for t in gap)
                and all(
                    t.lower_ in {",", "and"} or (t.text.islower() and t.pos_ in {"NOUN", "ADJ"})
                    for t in gap
                )
            )
            if joined:
                runs[-1].append(m)
                continue
        runs.append([m])
    return runs


def accuser_antecedent(
    ctx: Context, tok: Token, exclude: set[str] | None = None, gendered: bool = False
) -> tuple[list[Entity], bool] | None:
    """'They said ...', 'The women say ...', 'According to the volunteers, ...', 'She said ...'
    as the subject of a reporting verb: the latest compatible accuser candidate introduced in
    the previous three sentences of this paragraph or the one before (a group of two or more
    named people for plural subjects, one person of agreeing gender for he/she; `gendered`:
    only people whose gender the text marks, 'Ms.', 'the woman'). Returns the
    entities and whether another compatible candidate made the choice ambiguous."""
    low = tok.lower_
    plural = low == "they" or _group_noun(tok)
    if not plural and low not in {"he", "she"}:
        return None
    if not reporting_subject(tok) or ctx.quote_of(tok) is not None:
        return None
    exclude = exclude or set()
    authors = {str(a).casefold() for a in ctx.doc.user_data.get("authors") or []}
    para = ctx.layout.paragraph_of(tok.idx)
    earlier = [p for p in ctx.layout.paragraphs if p[1] <= para[0]]
    lo = earlier[-1][0] if earlier else para[0]
    before = [s for s in ctx.sentences if s.end <= tok.sent.start][-3:]
    window = [s for s in before if s.start_char >= lo]
    if not window:
        return None
    candidates: list[list[Entity]] = []
    seen: set[tuple[str, ...]] = set()
    for sent in reversed(window):
        mentions = sorted(
            (
                m
                for m in ctx.registry.mentions
                if sent.start <= m.start < sent.end
                and m.entity.kind == "person"
                and not ctx.token_in_noise(m.start)
                and ctx.quote_of(ctx.doc[m.start]) is None
            ),
            key=lambda m: m.start,
        )
        units = _coordinated(ctx, mentions) if plural else [[m] for m in mentions]
        for unit in reversed(units):
            if not plural:
                head = ctx.doc[unit[0].start : unit[0].end].root
                gender = _gender(ctx, unit[0].start, head, unit[0].entity)
                if gender not in {None, low} or (gendered and gender != low):
                    continue
            if any(
                representative_mention(ctx, m.start, ctx.doc[m.start : m.end].root) for m in unit
            ):
                continue
            members: list[Entity] = []
            for m in unit:
                if m.entity not in members:
                    members.append(m.entity)
            if plural and len(members) < 2:
                continue
            if any(e.name in exclude or e.name.casefold() in authors for e in members):
                continue
            key = tuple(sorted(e.name for e in members))
            if key not in seen:
                seen.add(key)
                candidates.append(members)
    if not candidates:
        return None
    return candidates[0], len(candidates) > 1


def resolve(ctx: Context, tok: Token | None, exclude: set[str] | None = None) -> Ref:  # noqa: C901
    """Resolve the argument headed by tok; `exclude` names who it cannot be (the other party)."""
    if tok is None:
        return Ref()
    exclude = exclude or set()
    low = tok.lower_
    if low in {"who", "whom", "that", "which"} and tok.head.dep_ in {"relcl", "acl"}:
        ref = resolve(ctx, tok.head.head, exclude)
        if not ref.entities:
            named = _named_host(ctx, tok.head.head)
            if named is not None:
                return resolve(ctx, named, exclude)
        return ref
    if tok.lemma_.lower() in FILINGS and ctx.registry.entity_at(tok) is None:
        # "The suit, filed by X, names A and B as defendants" misparsed with A as the suit's
        # apposition: a filing is resolved by who filed it
        return _document(ctx, tok, exclude)
    ents = _conj_entities(ctx, tok)
    if not ents and tok.pos_ == "NOUN":
        # "X is among the women who accused Y", "X became the first woman to accuse Y": the
        # described group or role is predicated of a named subject.
        named = _copula_subject(tok)
        if named is not None:
            ents = _conj_entities(ctx, named)
    if ents:
        # "Franklin Oduya, Voss's attorney" / "Voss's attorney, Franklin Oduya": a named
        # representative; the principal is who they speak for.
        role = (
            tok
            if _is_spokes(tok)
            else next((c for c in tok.children if c.dep_ == "appos" and _is_spokes(c)), None)
        )
        if role is None and tok.dep_ == "appos" and _is_spokes(tok.head):
            role = tok.head
        if role is not None:
            principal = _principal(ctx, role, exclude)
            if principal is not None and principal not in ents:
                via = "lawyer" if role.lemma_ in LAWYER_NOUNS else "spokesperson"
                return Ref(
                    entities=ents,
                    principal=principal,
                    via=via,
                    tokens=np_tokens(tok),
                    role=role_phrase(role),
                )
        return Ref(entities=ents, tokens=np_tokens(tok))
    if low in {"they", "he", "she"} or _group_noun(tok):
        found = None
        if low == "they" or _group_noun(tok):
            found = accuser_antecedent(ctx, tok, exclude)
        elif ctx.quote_of(tok) is None:
            # a marked woman/man named just before wins over mere salience; otherwise only
            # when salience finds nobody
            found = accuser_antecedent(ctx, tok, exclude, gendered=True)
            if found is not None and found[1]:
                found = None
            if found is None and antecedent(ctx, tok, exclude) is None:
                found = accuser_antecedent(ctx, tok, exclude)
        if found is not None:
            toks = np_tokens(tok) if low not in {"they", "he", "she"} else [tok]
            return Ref(entities=found[0], via="antecedent", tokens=toks, ambiguous=found[1])
    if low in FIRST_PERSON:
        quote = ctx.quote_of(tok)
        speaker = ctx.speakers.get(quote.start) if quote else None
        if speaker is not None and low not in {"we", "us", "our"}:
            return Ref(entities=[speaker], via="pronoun", tokens=[tok])
        return Ref(tokens=[tok])
    if low in PRONOUNS_PERSON:
        if ctx.quote_of(tok) is not None:
            return Ref(tokens=[tok])  # a pronoun inside a quotation refers from the speaker's view
        ent = antecedent(ctx, tok, exclude)
        return Ref(entities=[ent] if ent else [], via="pronoun", tokens=[tok])
    if (tok.lemma_.lower() in SPOKES_NOUNS or low in SPOKES_NOUNS) and not _former(tok):
        principal = _principal(ctx, tok, exclude)
        named = _entity_in(ctx, [c for c in tok.subtree if c.dep_ in {"appos", "compound"}])
        if named is None and tok.dep_ == "appos":
            # "Sallie Hofmeister, a spokeswoman for Weinstein": the noun is the appos of the name.
            named = ctx.registry.entity_at(tok.head)
        via = "lawyer" if low in LAWYER_NOUNS or tok.lemma_ in LAWYER_NOUNS else "spokesperson"
        if low in {"statement", "statements"}:
            via = "document"
            if principal is None and any(c.lower_ == "the" for c in tok.children):
                principal = _statement_author(ctx, tok, exclude)  # "the statement said"
        role = role_phrase(tok) if via != "document" else None
        if named is not None and named is not principal:
            return Ref(
                entities=[named], principal=principal, via=via, tokens=np_tokens(tok), role=role
            )
        if principal is not None:
            return Ref(
                entities=[principal], principal=principal, via=via, tokens=np_tokens(tok), role=role
            )
        return Ref(description=np_text(ctx, tok), via=via, tokens=np_tokens(tok))
    det = {c.lower_ for c in tok.children if c.dep_ in {"det", "poss"}}
    if any(
        c.dep_ == "poss" and c.pos_ == "PROPN" and ctx.registry.entity_at(c) is None
        for c in tok.children
    ):
        det.add("the")  # "Idaho's state treasurer": a place's office, as definite as "the"
    if det & {"the", "this", "that"}:
        named_org = org_named_like(ctx, tok, exclude)
        if named_org is not None:
            return Ref(entities=[named_org], via="role", tokens=np_tokens(tok))
        if low in ORG_ROLE_NOUNS:
            other_kinds = {
                e.name for e in ctx.registry.entities
                if e.kind == "org" and (
                    e.name.split()[-1].lower() in PUBLIC_BODY_WORDS or _introduced_as_other(ctx, e)
                )
            } if low in BUSINESS_NOUNS else set()
            org = ctx.registry.previous(tok.i, "org", (exclude or set()) | other_kinds)
            if org is not None:
                return Ref(entities=[org], via="role", tokens=np_tokens(tok))
        if low in PERSON_ROLE_NOUNS and not any(c.dep_ == "prep" for c in tok.children):
            person = role_holder(ctx, tok, exclude) or ctx.registry.previous(
                tok.i, "person", exclude
            )
            if person is None:
                person = ctx.registry.salient("person", exclude)
            if person is not None:
                return Ref(entities=[person], via="role", tokens=np_tokens(tok))
    if low in DOCUMENT_NOUNS or tok.lemma_ in DOCUMENT_NOUNS:
        return _document(ctx, tok, exclude)
    if tok.pos_ == "NOUN" and (closing := _closing_apposition(ctx, tok)) is not None:
        return closing
    if tok.pos_ in {"NOUN", "PROPN", "NUM", "PRON"} and low not in {"it", "they", "them", "this"}:
        return Ref(description=np_text(ctx, tok), tokens=np_tokens(tok))
    return Ref(tokens=[tok])


# "the company" is never the union or the agency named before it.
BUSINESS_NOUNS = frozenset({"company", "firm", "corporation", "business", "startup", "bank"})
PUBLIC_BODY_WORDS = frozenset({
    "union", "agency", "commission", "court", "council", "ministry", "police", "committee",
    "department", "board", "federation", "association",
})


def _introduced_as_other(ctx: Context, ent: Entity) -> bool:
    """'his flagship restaurant, Cinder & Thyme': an organisation the text introduces by
    another kind of noun is not what 'the company' means."""
    doc = ctx.doc
    for m in ctx.registry.mentions:
        if m.entity is ent and m.start >= 2 and doc[m.start - 1].text == ",":
            noun = doc[m.start - 2]
            if noun.pos_ == "NOUN" and noun.text.islower() and noun.lower_ not in BUSINESS_NOUNS:
                return noun.lower_ not in ORG_ROLE_NOUNS
    return False


def _closing_apposition(ctx: Context, tok: Token) -> Ref | None:
    """'A former aide to Senator Glenn Vance, Marisol Ferrante, has accused ...': a person set
    off by commas at the end of a described noun phrase is who it describes, even when the
    parser hangs the name on the senator."""
    toks = np_tokens(tok)
    while toks and toks[-1].is_punct:
        toks.pop()
    ent = ctx.registry.entity_at(toks[-1]) if toks else None
    if ent is None or ent.kind != "person":
        return None
    name = [t for t in toks if ctx.registry.entity_at(t) is ent and t.i > tok.i]
    first = min(name, key=lambda t: t.i)
    before = tok.doc[first.i - 1] if first.i > 0 else None
    head = next((t for t in name if t.head not in name), None)
    if before is None or before.text != "," or head is None or head.dep_ != "appos":
        return None
    if ctx.registry.entity_at(head.head) is ent:
        return None
    return Ref(entities=[ent], tokens=name)


def _named_host(ctx: Context, noun: Token) -> Token | None:
    """The named person a relative clause's noun describes: 'Jessica Moran, a former
    instructor who says ...', 'Jasmine Ortega, a singer from San Antonio, who says ...'."""
    cur = noun
    for _ in range(3):
        if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
            cur = cur.head.head
        elif cur.dep_ == "appos":
            cur = cur.head
        else:
            return None
        ent = ctx.registry.entity_at(cur)
        if ent is not None and ent.kind == "person":
            return cur
    return None


def _copula_subject(tok: Token) -> Token | None:
    """The subject a noun is predicated of: 'X was the first woman', 'X is among the women'."""
    verb = None
    if tok.dep_ == "attr":
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ == "among" and tok.head.dep_ == "prep":
        verb = tok.head.head
    if verb is None or verb.lemma_ not in {"be", "become", "remain"}:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def org_named_like(ctx: Context, tok: Token, exclude: set[str] | None = None) -> Entity | None:
    """'the union' -> 'Inland Logistics Workers Union', 'the commission' -> 'National Securities
    Commission': the latest organisation mentioned before whose name ends with the noun."""
    if tok.pos_ != "NOUN" or not tok.text.islower():
        return None
    words = {tok.lower_, tok.lemma_.lower()}
    for mention in sorted(ctx.registry.mentions, key=lambda m: -m.start):
        ent = mention.entity
        if mention.start >= tok.i or ent.kind != "org" or ent.name in (exclude or set()):
            continue
        if ent.name.split()[-1].lower() in words:
            return ent
    return None


# what a person writes in their own name: "her memoir accused him"
WRITINGS = {"memoir", "book", "letter", "essay", "post", "affidavit"}
FILINGS = {"lawsuit", "suit", "complaint", "countersuit", "filing", "petition", "indictment"}
# An inquiry's authors: "prepared by the law firm X", "carried out by X".
INQUIRY_AUTHOR_VERBS = {"prepare", "conduct", "carry", "compile", "produce", "lead"}


def _document_source(ctx: Context, tok: Token, prep: Token, ref: Ref) -> None:
    """'a report in The Sentinel' (carried by), 'a suit by X', 'the complaint by the X Trust'."""
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        ents = [e for e in _conj_entities(ctx, pobj) if e.kind == "org"]
        persons = [e for e in _conj_entities(ctx, pobj) if e.kind == "person"]
        if prep.lower_ == "in" and ents:
            ref.reported_by = ents
        elif prep.lower_ in {"by", "from"} and persons and not ref.entities:
            ref.entities = persons
        elif prep.lower_ == "by" and ents and tok.lemma_ in FILINGS:
            ref.entities = ref.entities or ents


def _document(ctx: Context, tok: Token, exclude: set[str]) -> Ref:
    """A lawsuit, report or complaint: its filer accuses; an outlet carrying it reports it."""
    ref = Ref(description=np_text(ctx, tok), via="document", tokens=np_tokens(tok))
    authored = False  # credited to whoever carried out the inquiry, not an outlet carrying it
    for child in tok.children:
        if child.dep_ == "poss":
            ents = _conj_entities(ctx, child)
            if not ents and child.lower_ in {"her", "his"} and tok.lemma_ in WRITINGS:
                found = antecedent(ctx, child, exclude)  # "her memoir": its author
                sure = found is not None and name_gender(found) == PRONOUN_GENDER.get(child.lower_)
                ents = [found] if found is not None and sure else []
            if ents:
                ref.entities = ents
        if child.dep_ == "acl" and child.lemma_ in {
            "file",
            "bring",
            "submit",
            "lodge",
            "write",
            "publish",
            *INQUIRY_AUTHOR_VERBS,
        }:
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        ents = _conj_entities(ctx, pobj)
                        if ents:
                            ref.entities = ents
                            authored |= child.lemma_ in INQUIRY_AUTHOR_VERBS
                        else:
                            ref.description = np_text(ctx, pobj)
        if child.dep_ == "prep" and child.lower_ in {"in", "by", "from"}:
            _document_source(ctx, tok, child, ref)
    if (
        ref.entities
        and not authored
        and ref.entities[0].kind == "org"
        and not ref.reported_by
        and tok.lemma_ in {"report", "story", "article", "investigation"}
    ):
        # "a Times report": the outlet reports it, the sources are unnamed.
        ref.reported_by, ref.entities = ref.entities, []
    return ref
