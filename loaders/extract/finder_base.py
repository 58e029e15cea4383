"""The base every allegation rule family builds on: turning matches into Allegations."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from loaders.extract.claims import Allegation
from loaders.extract.context import Context
from loaders.extract.deps import child, is_outlet, prep_object, word_in
from loaders.extract.entitylex import PERSON_NOUNS, ROLE_TITLES
from loaders.extract.introductions import titled_next
from loaders.extract.lexicon import (
    ACCUSE_WORDS,
    ALLEGE_WORDS,
    DOCUMENT_NOUNS,
    SAY_WORDS,
    SPOKES_NOUNS,
    SUE_WORDS,
)
from loaders.extract.mentions import Entity
from loaders.extract.resolve import (
    FILINGS,
    Ref,
    accuser_antecedent,
    antecedent,
    np_text,
    representative_mention,
    resolve,
    subject_of,
)

NUMBER_WORDS = {
    **dict.fromkeys(("two", "2"), 2), **dict.fromkeys(("three", "3"), 3),
    **dict.fromkeys(("four", "4"), 4), **dict.fromkeys(("five", "5"), 5),
    **dict.fromkeys(("six", "6"), 6), **dict.fromkeys(("seven", "7"), 7),
    **dict.fromkeys(("eight", "8"), 8), **dict.fromkeys(("nine", "9"), 9),
    **dict.fromkeys(("ten", "10"), 10),
}
PROSECUTOR_NOUNS = {"prosecutors", "prosecutor", "prosecution"}
PROSECUTOR_MARKERS = (
    "district attorney",
    "attorney's office",
    "attorney’s office",
    "prosecutor",
    "department of justice",
    "crown prosecution",
    "public prosecutor",
)
GROUP_NOUNS = {
    "plaintiffs",
    "women",
    "men",
    "workers",
    "employees",
    "accusers",
    "complainants",
    "claimants",
    "volunteers",
    "players",
    "students",
    "staffers",
    "dancers",
    "tenants",
}
INQUIRY_HEADS = {"investigation", "review", "inquiry", "audit", "probe", "report"}
FILING_VERBS = {"file", "bring", "lodge", "submit"}
# documents written in someone's name, and how their authors are said to write them
AUTHORED_NOUNS = {"report", "letter", "memo", "affidavit"}
AUTHOR_VERBS = {"publish", "write", "release", "send", "issue", "post", "sign", "deliver"}
# a suit and its complaint are one filing (a complaint to a board is another); not
# "countersuit": the other side files it
SUIT_WORDS = {"lawsuit", "suit", "complaint"}
LAWSUIT_METHODS = {"rule:lawsuit", "rule:document-accusing", "rule:sued-alleging"}



def _description(accuser: Ref, reported: list[Entity]) -> str | None:
    """An unnamed accuser's description; "Explosive reports in The Sentinel allege" names
    carriers, not accusers, so it is none."""
    text = accuser.description
    if text and any(e.name in text for e in reported):
        return None
    return text

class FinderBase:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.found: list[Allegation] = []

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
        if target is None and accused.tokens and accused.tokens[0].lower_ in {"a", "an"}:
            target = self.titled_next(accused.tokens, anchor)
            if target is None:
                return
            confidence -= 0.1  # the very role noun names them in the next sentences
        elif target is None:
            target = self.role_named_later(accused, anchor)
            if target is None:
                return
            confidence -= 0.15
        if accuser.via == "antecedent" or (
            accuser.via == "pronoun" and accuser.tokens and accuser.entities == [target]
        ):
            accuser, confidence = self.antecedent_accuser(accuser, target, confidence)
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
            accusers, confidence = self.unnamed_accusers(accuser, target, anchor, confidence)
        description = None if accusers else _description(accuser, reported)
        if not accusers and description is None and self.quoted_pronoun(accuser):
            confidence = min(confidence, 0.5)  # "now he's suing me", quoted: no one named
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

    def unnamed_accusers(
        self, accuser: Ref, target: Entity, anchor: Token, confidence: float
    ) -> tuple[list[Entity], float]:
        """Who an unnamed accuser is: a group named before, one person or a counted group
        named later; [] when the article never says."""
        collective = self.collective(accuser, anchor)
        if collective and target not in collective:
            return collective, confidence - 0.1
        named = self.named_later(accuser, anchor)
        if named is not None and named is not target:
            return [named], confidence - 0.1
        group = self.group_named_later(accuser, anchor)
        if group and target not in group:
            return group, confidence - 0.05  # the count must match exactly: little doubt left
        return [], confidence

    def quoted_pronoun(self, accuser: Ref) -> bool:
        return bool(accuser.tokens) and all(
            t.lower_ in {"he", "she", "they", "him", "her", "them"}
            and self.ctx.quote_of(t) is not None
            for t in accuser.tokens
        )

    def antecedent_accuser(
        self, accuser: Ref, target: Entity, confidence: float
    ) -> tuple[Ref, float]:
        """'They said ...', 'The women say ...': the accusers introduced in the sentences
        before, chosen again now that the accused is known (never the accused, nor anyone the
        article already accuses). At most 0.7; under review (< 0.6) when ambiguous."""
        tok = accuser.tokens[0] if len(accuser.tokens) == 1 else accuser.tokens[-1]
        if tok.lower_ not in {"they", "he", "she"}:
            tok = next((t for t in accuser.tokens if t.tag_ == "NNS"), tok)
        accused = {a.accused.name for a in self.found} | {target.name}
        found = None
        if tok.lower_ in {"he", "she"}:
            found = accuser_antecedent(self.ctx, tok, accused, gendered=True)
        if found is None:
            found = accuser_antecedent(self.ctx, tok, accused)
        if found is None:
            if tok.lower_ in {"they", "he", "she"}:
                return Ref(tokens=accuser.tokens), confidence
            # "the women" with no named group before: an unnamed description, as before
            return Ref(description=np_text(self.ctx, tok), tokens=accuser.tokens), confidence
        entities, ambiguous = found
        confidence = min(confidence, 0.55 if ambiguous else 0.7)
        return Ref(entities=entities, via="antecedent", tokens=accuser.tokens), confidence

    def collective(self, accuser: Ref, anchor: Token) -> list[Entity]:
        """'The plaintiffs allege ...', 'the women say ...' after 'X, Y and Z sued ...': the
        group named before; 'prosecutors allege' -> the prosecuting office the article names."""
        toks = [t for t in accuser.tokens if not t.is_punct]
        if not toks or accuser.description is None or len(toks) > 4:
            return []
        head = toks[-1]
        low = head.lower_
        if low in PROSECUTOR_NOUNS:
            return [e for e in [self.prosecutor(anchor)] if e is not None]
        if low in {"investigators", "reviewers", "auditors", "inspectors"}:
            # "The investigators also found ...": the inquiry credited just before
            for a in reversed(self.found):
                if a.start < anchor.idx and a.method == "rule:inquiry-found" and a.accusers:
                    return list(a.accusers)
            return []
        if toks[0].lower_ not in {"the", "these", "those"} or head.tag_ not in {"NNS", "NNPS"}:
            return []
        if low not in GROUP_NOUNS:
            return self.named_members(low, anchor)
        for a in reversed(self.found):
            people = all(e.kind == "person" for e in a.accusers)
            if a.start < anchor.idx and len(a.accusers) >= 2 and people:
                return list(a.accusers)
        return self.named_members(low, anchor)

    def named_members(self, group: str, anchor: Token) -> list[Entity]:
        """'Four of the nurses agreed to be named: A, B, C and D' ... 'The nurses also accuse
        the hospital': the members the article named, listed after a colon."""
        doc = self.ctx.doc
        for sent in reversed([s for s in self.ctx.sentences if s.end <= anchor.sent.start]):
            marker = next(
                (t for t in sent if t.lower_ == group and t.i >= 2
                 and doc[t.i - 1].lower_ == "the" and doc[t.i - 2].lower_ == "of"),
                None,
            )
            if marker is None:
                continue
            colon = next((t for t in sent if t.i > marker.i and t.text == ":"), None)
            if colon is None:
                continue
            people: list[Entity] = []
            for t in doc[colon.i + 1 : sent.end]:
                ent = self.ctx.registry.entity_at(t)
                if ent is not None and ent not in people:
                    people.append(ent)
            if len(people) >= 2 and all(e.kind == "person" for e in people):
                return people
        return []

    def prosecutor(self, anchor: Token) -> Entity | None:
        """The prosecuting organisation named in the article, when there is exactly one."""
        found = {
            e.name: e
            for e in self.ctx.registry.organisations()
            if any(m in e.name.lower() for m in PROSECUTOR_MARKERS)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def role_named_later(self, accused: Ref, anchor: Token) -> Entity | None:
        """'... alleged that the mayor's chief of staff had asked him for ...' and later 'The
        chief of staff, Lionel Masterson, said ...': a definite role named further on."""
        toks = accused.tokens
        if not toks or toks[0].lower_ not in {"the", "his", "her", "its", "their"}:
            return None
        cut = max((n for n, t in enumerate(toks) if t.dep_ in {"poss", "case", "det"}), default=-1)
        role = toks[cut + 1 :]
        if not role or any(not t.text.islower() or t.is_punct for t in role):
            return None
        if role[0].pos_ not in {"NOUN", "ADJ"} or len(role) > 4:
            return None
        phrase = " ".join(t.text for t in role)
        pattern = re.compile(r"\b[Tt]he " + re.escape(phrase) + r", ")
        text = self.ctx.text
        for m in pattern.finditer(text, anchor.idx):
            span = self.ctx.doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
            mention = self.ctx.registry.by_token.get(span[0].i) if span is not None else None
            if mention is not None and mention.entity.kind == "person":
                return mention.entity
        # "the chain's regional operations manager" ... "regional manager Keith Norwood"
        return titled_next(self.ctx, toks, anchor, by_subject=False)

    def titled_next(self, toks: list[Token], anchor: Token) -> Entity | None:
        return titled_next(self.ctx, toks, anchor)

    def named_later(self, accuser: Ref, anchor: Token) -> Entity | None:  # noqa: C901
        """'A former assistant ... filed a lawsuit' ... 'The woman, Renata Oyelaran, 31, ...':
        a singular unnamed accuser or a lawsuit's plaintiff introduced by name later."""
        toks = accuser.tokens
        if not toks or accuser.description is None:
            return None
        head = max(toks, key=lambda t: len(list(t.subtree)))
        if anonymous(" ".join(t.text for t in head.subtree)):
            return None  # "a painter, who was not named": the article withholds the name
        first = toks[0]
        words = {t.lower_ for t in toks}
        legal = bool(words & {"lawsuit", "suit", "complaint"}) and not words & {"report", "reports"}
        if first.lower_ in {"her", "his"} and legal:
            return antecedent(self.ctx, first)
        if first.lower_ in {"her", "his", "their"}:
            # "his former girlfriend" ... "The allegations were made by Brianna Mitchell"
            return self.introduced_next(anchor, window=4)
        # Singular head noun ("A former engineer at the payments startup": not "payments").
        head_np = []
        for t in toks:
            if t.pos_ == "ADP":
                break
            head_np.append(t)
        # the head noun is singular ("a government-ethics watchdog": not "ethics")
        head_noun = next((t for t in reversed(head_np) if t.pos_ in {"NOUN", "PROPN"}), None)
        indefinite = (
            first.lower_ in {"a", "an"}
            and head_noun is not None
            and head_noun.tag_ not in {"NNS", "NNPS"}
        )
        if not (indefinite or legal):
            return None
        if indefinite and not legal:
            org = self.org_named_later(head_np, anchor) or self.inquiry_author(head_np, anchor)
            if org is not None:
                return org
            if word_in(anchor, SUE_WORDS) or any(
                t.lemma_.lower() in {"lawsuit", "suit", "complaint"} for t in anchor.sent
            ):
                plaintiff = self.plaintiff_named_later(anchor)
                if plaintiff is not None:
                    return plaintiff
        doc = self.ctx.doc
        begin = anchor.i if indefinite and not legal else 0
        nouns = [t for t in head_np if t.pos_ == "NOUN" and t.text.islower()]
        heads = {nouns[-1].lower_, nouns[-1].lemma_.lower()} if nouns else set()
        for i in range(begin, len(doc) - 3):
            if doc[i].lower_ != "the":
                continue
            j = i + 1
            while j < min(i + 4, len(doc) - 1) and doc[j].text.islower() and doc[j].is_alpha:
                j += 1
            # "The woman, X": any one noun; "The stage manager, X": the description's head noun.
            one = (
                j == i + 2
                and doc[i + 1].pos_ == "NOUN"
                # a person noun ("the woman, X", "the nurse, X"), not "the lawsuit, X"; and
                # "the representative, X" speaks for someone, unless the description said so
                and (
                    doc[i + 1].lower_ in heads
                    or (
                        doc[i + 1].lemma_.lower()
                        in PERSON_NOUNS | ROLE_TITLES | {"man", "girl", "boy"}
                        and doc[i + 1].lower_ not in SPOKES_NOUNS
                    )
                )
            )
            if one or (j > i + 2 and doc[j - 1].lower_ in heads):
                if doc[j].text != "," or j + 1 >= len(doc):
                    continue
                mention = self.ctx.registry.by_token.get(j + 1)
                if mention is not None and mention.entity.kind == "person":
                    return mention.entity
        if any(t.lemma_.lower() in DOCUMENT_NOUNS for t in nouns):
            return None  # "a company filing" is not a person named in the next sentence
        return self.introduced_next(anchor) if indefinite and not legal else None

    def group_named_later(self, accuser: Ref, anchor: Token) -> list[Entity]:
        """'two of the club's players accused him ...' then 'Midfielder A and goalkeeper B made
        the allegations ...': a counted group, then exactly that many people, first named
        together as the subject of the next sentence or the one after."""
        toks = accuser.tokens
        if not toks or accuser.description is None:
            return []
        count = NUMBER_WORDS.get(toks[0].lower_)
        if count is None or count < 2:
            return []
        sents = self.ctx.sentences
        idx = next((n for n, s in enumerate(sents) if s.start <= anchor.i < s.end), None)
        if idx is None:
            return []
        listed = self.colon_list(sents[idx], count, anchor)
        if listed:
            return listed
        for sent in sents[idx + 1 : idx + 3]:
            roster = self.roster(sent, count, anchor)
            if roster:
                return roster
            for verb in sent:
                subjects = [c for c in verb.children if c.dep_ == "nsubj"]
                if not subjects:
                    continue
                lo = min(c.left_edge.i for c in subjects)
                hi = max(c.right_edge.i for c in subjects)
                people: list[Entity] = []
                for i in range(lo, hi + 1):
                    ent = self.ctx.registry.entity_at(self.ctx.doc[i])
                    if ent is not None and ent not in people:
                        people.append(ent)
                if (
                    len(people) == count
                    and all(e.kind == "person" and min(e.tokens) > anchor.i for e in people)
                    and any(t.lower_ == "and" for t in self.ctx.doc[lo : hi + 1])
                ):
                    return people
        return []

    def colon_list(self, sent: Span, count: int, anchor: Token) -> list[Entity]:
        """'accusations against him from four more women: actress A, stylist B, C and D':
        exactly `count` people listed after a colon that follows the anchor."""
        colon = next((t for t in sent if t.i > anchor.i and t.text == ":"), None)
        if colon is None:
            return []
        people: list[Entity] = []
        for t in sent.doc[colon.i + 1 : sent.end]:
            ent = self.ctx.registry.entity_at(t)
            if ent is not None and ent not in people:
                people.append(ent)
        if len(people) != count or not all(
            e.kind == "person" and min(e.tokens) > colon.i for e in people
        ):
            return []
        return people

    def roster(self, sent: Span, count: int, anchor: Token) -> list[Entity]:
        """'The lawsuit, filed by A, B, C and D, ...': exactly `count` people, all first named
        after the anchor, coordinated as the agent of a filing or as a predicate ('The
        plaintiffs are A, B and C')."""
        for tok in sent:
            # "The plaintiffs are A, B, C and D" is sometimes parsed A (attr), B (its appos)
            # with C and D conjoined to B
            appos = next((c for c in tok.children if c.dep_ == "appos" and c.conjuncts), None)
            if tok.dep_ not in {"pobj", "attr"} or not (tok.conjuncts or appos is not None):
                continue
            if tok.dep_ == "pobj" and tok.head.dep_ != "agent":
                continue
            members = (tok, *tok.conjuncts) if tok.conjuncts else (tok, appos, *appos.conjuncts)
            people = [e for t in members if (e := self.ctx.registry.entity_at(t)) is not None]
            # the list has exactly `count` members; one the name finder missed stays unnamed
            if (
                len(members) == count
                and len(people) >= min(count, 2)
                and len({e.name for e in people}) == len(people)
                and all(e.kind == "person" and min(e.tokens) > anchor.i for e in people)
                and all(t.pos_ == "PROPN" for t in members)
            ):
                return people
        return []

    def plaintiff_named_later(self, anchor: Token) -> Entity | None:
        """The filer of the filing at `anchor` (a complaint or a suit, as its sentence says)."""
        words = {t.lemma_.lower() for t in anchor.sent}
        kinds = {"complaint"} if "complaint" in words and not words & SUIT_WORDS else SUIT_WORDS
        if word_in(anchor, SUE_WORDS) or words & {"lawsuit", "suit"}:
            kinds = SUIT_WORDS
        return self.filer_named_later(anchor, kinds)

    def filer_named_later(self, anchor: Token, kinds: set[str]) -> Entity | None:
        """'a former executive sued him' then 'The lawsuit, filed ... by Elena V., ...', 'a
        watchdog filed a complaint' then 'The complaint by the Civic Trust', 'X filed the
        complaint with regulators': the one party any later mention of a filing is credited
        to."""
        filers: dict[str, Entity] = {}
        for tok in self.ctx.doc[anchor.i + 1 :]:
            if tok.lemma_.lower() in kinds:
                found = resolve(self.ctx, tok).entities
                verb = tok.head
                to_body = any(c.lower_ == "with" for c in (*verb.children, *tok.children))
                if to_body and kinds is SUIT_WORDS:
                    continue  # "filed a complaint with the medical board": not the suit
                if not found and tok.dep_ == "dobj" and verb.lemma_ in FILING_VERBS:
                    found = resolve(self.ctx, subject_of(verb)).entities
                filers.update((e.name, e) for e in found if not is_outlet(self.ctx, e))
        return next(iter(filers.values())) if len(filers) == 1 else None

    def inquiry_author(self, head_np: list[Token], anchor: Token) -> Entity | None:
        """'an independent review concluded ...' then 'The review, carried out by the
        consultancy Tallis Safeguarding, ...': whoever the same inquiry is credited to."""
        nouns = [t for t in head_np if t.pos_ == "NOUN" and t.text.islower()]
        if not nouns or nouns[-1].lemma_.lower() not in INQUIRY_HEADS:
            return None
        lemma = nouns[-1].lemma_.lower()
        for tok in self.ctx.doc[anchor.i + 1 :]:
            if tok.lemma_.lower() != lemma and not (
                lemma == "investigation" and tok.lemma_.lower() == "report"
            ):
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                continue
            ref = resolve(self.ctx, tok)
            if ref.via == "document" and ref.entities:
                return ref.entities[0]
        return None

    def org_named_later(self, head_np: list[Token], anchor: Token) -> Entity | None:
        """'A union representing warehouse workers accused ...' then 'the Inland Logistics
        Workers Union': an organisation, named after the trigger, whose name ends with the
        description's head noun."""
        nouns = [t for t in head_np if t.pos_ == "NOUN" and t.text.islower()]
        if not nouns:
            return None
        words = {nouns[-1].lower_, nouns[-1].lemma_.lower()}
        for mention in sorted(self.ctx.registry.mentions, key=lambda m: m.start):
            ent = mention.entity
            if (
                mention.start > anchor.i
                and ent.kind == "org"
                and not is_outlet(self.ctx, ent)
                and ent.name.split()[-1].lower() in words
            ):
                return ent
        return None

    def add_each(
        self,
        accuser: Ref,
        accused: Ref,
        tokens: list[Token],
        anchor: Token,
        method: str,
        confidence: float,
        summary: str,
    ) -> None:
        """One allegation per accused in 'sued X and its former CFO, Y'."""
        if len(accused.entities) < 2:
            self.add(accuser, accused, tokens, anchor, method, confidence, summary)
            return
        for ent in accused.entities:
            ref = Ref(entities=[ent], via=accused.via, tokens=accused.tokens)
            self.add(accuser, ref, tokens, anchor, method, confidence, summary)

    def named_subject(self, verb: Token) -> bool:
        """The clause's subject names an entity (or a pronoun for one): someone acted."""
        subj = child(verb, "nsubj")
        if subj is None:
            return False
        return self.ctx.registry.entity_at(subj) is not None or subj.lower_ in {"he", "she"}

    def filer(self, ref: Ref, noun: Token) -> Ref:
        """'the complaint', 'the suit' with no filer named in the phrase: whoever filed the
        latest lawsuit found before it (a plaintiff's or regulator's suit)."""
        if not ref.entities and noun.lower_ == "it":
            return self.filing_antecedent(noun) or ref
        if ref.entities or ref.via != "document":
            return ref
        if noun.dep_ == "dobj" and noun.head.lemma_ in FILING_VERBS:
            # "The former CFO ... has filed a complaint alleging ..." then "Wrexham filed the
            # complaint with regulators": whoever filed it, named here or later
            who = resolve(self.ctx, subject_of(noun.head)).entities
            later = None if who else self.plaintiff_named_later(noun)
            who = who or ([later] if later is not None else [])
            return Ref(entities=who, tokens=ref.tokens) if who else ref
        if not any(c.lower_ in {"the", "that", "this"} for c in noun.children):
            return ref
        if noun.lemma_.lower() in AUTHORED_NOUNS:
            who = self.document_author(noun)
            return Ref(entities=who, via="document", tokens=ref.tokens) if who else ref
        start = noun.idx
        suits = [a for a in self.found if a.start < start and a.method in LAWSUIT_METHODS]
        if suits and suits[-1].accusers:
            return Ref(entities=list(suits[-1].accusers), tokens=ref.tokens)
        named = self.suit_brought_by(noun)
        if named:
            return Ref(entities=named, tokens=ref.tokens)
        if suits:
            # unnamed plaintiffs stay unnamed (no tokens: nobody "named later")
            desc = suits[-1].accuser_description or ref.description
            return Ref(description=desc, via="document")
        return ref

    def document_author(self, noun: Token) -> list[Entity]:
        """'The report also alleged ...': who wrote the report named before ('In a 68-page
        report, Kestrel said', 'Kestrel published a report', 'Kestrel's letter'); never an
        outlet that carried it."""
        lemma = noun.lemma_.lower()
        for tok in reversed(self.ctx.doc[: noun.i]):
            if tok.lemma_.lower() != lemma or self.ctx.quote_of(tok) is not None:
                continue
            who = resolve(self.ctx, tok).entities
            verb = tok.head
            if not who and tok.dep_ == "dobj" and verb.lemma_ in AUTHOR_VERBS:
                who = resolve(self.ctx, subject_of(verb)).entities
            if not who and tok.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ == "VERB":
                who = resolve(self.ctx, subject_of(verb.head)).entities
            who = [e for e in who if not is_outlet(self.ctx, e)]
            if who:
                return who
        return []

    def filing_antecedent(self, it: Token) -> Ref | None:
        """'X filed a countersuit on Monday. It accuses Y of ...', 'X's lawsuit says ... It
        also accuses Y': 'it' is the latest filing named in this sentence or the one before;
        its filer accuses. None when that filing names no filer."""
        sents = self.ctx.sentences
        idx = next((n for n, s in enumerate(sents) if s.start <= it.i < s.end), None)
        if idx is None:
            return None
        for tok in reversed(self.ctx.doc[sents[max(idx - 1, 0)].start : it.i]):
            if tok.lemma_.lower() not in FILINGS or self.ctx.quote_of(tok) is not None:
                continue
            filers = resolve(self.ctx, tok).entities
            verb = tok.head
            if not filers and tok.dep_ == "dobj" and verb.lemma_ in FILING_VERBS:
                filers = resolve(self.ctx, subject_of(verb)).entities
            return Ref(entities=filers, via="document", tokens=[it]) if filers else None
        return None

    def suit_brought_by(self, noun: Token) -> list[Entity]:
        """Who an earlier sentence says brought the suit: 'The suit ... was brought by A and
        B', 'X made the accusations in a lawsuit', 'X filed a complaint'."""
        for tok in reversed(self.ctx.doc[: noun.i]):
            if tok.lemma_.lower() not in {"lawsuit", "suit", "complaint"}:
                continue
            # the clause's verb: "made [the accusations in a lawsuit]" hangs it on the noun
            verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), tok.head)
            if tok.dep_ == "nsubjpass":
                agent = prep_object(verb, "by")
                people = resolve(self.ctx, agent).entities if agent is not None else []
            elif tok.dep_ in {"dobj", "pobj"} and verb.pos_ == "VERB":
                people = resolve(self.ctx, subject_of(verb)).entities
            else:
                people = resolve(self.ctx, tok).entities  # "a lawsuit filed by X"
            people = [e for e in people if e.kind == "person"]
            if people:
                return people
        return []

    def introduced_next(self, anchor: Token, window: int = 2) -> Entity | None:
        """'A former staff writer ... has accused Y ...' then 'Maren Coyle, who wrote for the
        series, said ...': a person first named in the next two sentences, as the subject of
        a reporting verb, is the unnamed accuser."""
        sents = self.ctx.sentences
        idx = next((n for n, s in enumerate(sents) if s.start <= anchor.i < s.end), None)
        if idx is None:
            return None
        for sent in sents[idx + 1 : idx + 1 + window]:
            for tok in sent:
                mention = self.ctx.registry.by_token.get(tok.i)
                if mention is None or mention.start != tok.i or mention.entity.kind != "person":
                    continue
                if any(
                    t < mention.start and not self.ctx.token_in_noise(t)
                    for t in mention.entity.tokens
                ):
                    continue  # named before (outside captions): not newly introduced
                head = self.ctx.doc[mention.start : mention.end].root
                verb = head.head
                if representative_mention(self.ctx, mention.start, head):
                    continue  # "Through his solicitor, Graham Hewitt, X said"
                if head.dep_ == "nsubj" and (
                    word_in(verb, SAY_WORDS) or made_claims(verb) or verb.lemma_ in STATEMENT_VERBS
                ):
                    return mention.entity
                if head.dep_ == "pobj" and verb.dep_ == "agent" and claims_made(verb.head):
                    return mention.entity  # "The allegations were made ... by X"
        return None

    # -- rules ------------------------------------------------------------------------------


CLAIM_OBJECTS = {"accusation", "allegation", "claim", "lawsuit", "suit", "complaint"}
# "Brittany Hollis, 27, read a prepared statement": giving one's account in public
STATEMENT_VERBS = {"read", "speak", "describe", "recount", "testify", "detail"}


def made_claims(verb: Token) -> bool:
    """'X made the accusations in a lawsuit', 'X filed the complaint', 'X alleges ...'."""
    if word_in(verb, ACCUSE_WORDS | ALLEGE_WORDS | SUE_WORDS):
        return True
    obj = child(verb, "dobj")
    return (
        verb.lemma_ in {"make", "file", "bring", "level", "lodge", "repeat"}
        and obj is not None
        and obj.lemma_.lower() in CLAIM_OBJECTS
    )


ANONYMITY_MARKS = (
    "not named",
    "not be named",
    "not to be named",
    "not be identified",
    "not to be identified",
    "anonymity",
    "anonymous",
    "unnamed",
    "unidentified",
)


def anonymous(description: str) -> bool:
    low = description.lower()
    return any(m in low for m in ANONYMITY_MARKS)


def claims_made(verb: Token) -> bool:
    """'The allegations were made (by ...)', 'the complaint was filed (by ...)'."""
    subj = child(verb, "nsubjpass")
    return (
        verb.lemma_ in {"make", "file", "bring", "level", "lodge"}
        and subj is not None
        and subj.lemma_.lower() in CLAIM_OBJECTS
    )
