"""People and organisations: cleaning NER spans, linking surnames/first names to full names.

The result is a registry mapping token indices to canonical entities, used by every rule.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from loaders.extract.layout import Layout
from loaders.extract.lexicon import KNOWN_ORGS, PERSON_TITLES
from loaders.extract.orgnames import (
    after_org_noun,
    extra_org_spans,
    mislabelled_person,
    not_an_org,
    titled_person,
)
from loaders.extract.quotes import Quotation, enclosing

Kind = Literal["person", "org"]
APOS = ("'s", "’s", "'", "’")
QUOTE_MARKS = "\"'“”‘’«»"
ORG_LABELS = {"ORG"}
ORG_SUFFIX_WORDS = {
    "inc",
    "inc.",
    "corp",
    "corp.",
    "llc",
    "ltd",
    "ltd.",
    "co",
    "co.",
    "group",
    "company",
    "news",
    "times",
    "post",
    "journal",
    "university",
    "bank",
    "capital",
    "partners",
    "holdings",
    "studios",
    "media",
    "association",
    "foundation",
    "institute",
    "committee",
    "department",
    "commission",
    "agency",
    "court",
    "police",
    "network",
    "records",
}


@dataclass
class Entity:
    name: str
    kind: Kind
    aliases: set[str] = field(default_factory=set)
    tokens: list[int] = field(default_factory=list)  # first token of each linked mention

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class Mention:
    start: int  # token indices in the doc
    end: int
    entity: Entity


@dataclass
class Registry:
    doc: Doc
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)

    def add_mention(self, start: int, end: int, entity: Entity, surface: str) -> None:
        if any(i in self.by_token for i in range(start, end)):
            return
        mention = Mention(start, end, entity)
        self.mentions.append(mention)
        for i in range(start, end):
            self.by_token[i] = mention
        entity.tokens.append(start)
        if surface != entity.name:
            entity.aliases.add(surface)

    def entity_at(self, tok: Token) -> Entity | None:
        mention = self.by_token.get(tok.i)
        return mention.entity if mention else None

    def previous(self, before: int, kind: Kind, exclude: set[str] | None = None) -> Entity | None:
        """The most recent entity of this kind mentioned before token index `before`."""
        exclude = exclude or set()
        for mention in sorted(self.mentions, key=lambda m: -m.start):
            if (
                mention.start < before
                and mention.entity.kind == kind
                and mention.entity.name not in exclude
            ):
                return mention.entity
        return None

    def salient(self, kind: Kind, exclude: set[str] | None = None) -> Entity | None:
        exclude = exclude or set()
        pool = [e for e in self.entities if e.kind == kind and e.name not in exclude and e.tokens]
        if not pool:
            return None
        return max(pool, key=lambda e: (len(e.tokens), -e.tokens[0]))

    def people(self) -> list[Entity]:
        return [e for e in self.entities if e.kind == "person" and e.tokens]

    def organisations(self) -> list[Entity]:
        return [e for e in self.entities if e.kind == "org" and e.tokens]


def norm(name: str) -> str:
    name = re.sub(r"[’']s$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", name).casefold().strip(" .,")


def _clean_span(span: Span, kind: Kind) -> Span | None:
    """Trim honorifics, possessives, punctuation and a lowercase 'the'."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or (kind == "person" and doc[start].lower_ in PERSON_TITLES | {"maestro", "chef"})
        or (doc[start].lower_ == "the" and (kind == "person" or doc[start].text == "the"))
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in APOS
    ):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _is_headline(text: str, layout: Layout, offset: int) -> bool:
    """Title-case lines (headlines, 'Related:' links) make NER invent people."""
    pstart, pend = layout.paragraph_of(offset)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[pstart:pend])
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.7 and not text[pstart:pend].rstrip().endswith((".", '"', "”"))


def _quoted_title(text: str, span: Span, quotes: list[Quotation]) -> bool:
    """A name that fills a quotation ("Charmed", "Dana Whitfield") names a work, not a person."""
    q = enclosing(quotes, span.start_char, span.end_char)
    if q is None:
        return False
    lo, hi = q.inner
    return text[lo:hi].strip(" ,.!?;:").strip() == span.text


NOT_NAME_WORDS = {
    "port",
    "mount",
    "fort",
    "lake",
    "river",
    "saint",
    "legal",
    "aid",
    "county",
    "city",
    "street",
    "avenue",
    "university",
    "college",
    "capitol",
    "senate",
    "house",
    "hall",
    "court",
    "district",
    "news",
    "center",
    "centre",
    "park",
    "bay",
    "beach",
    "valley",
    "island",
    "road",
    "square",
}


def _person_ok(span: Span) -> bool:
    if any(t.lower_ in NOT_NAME_WORDS for t in span):
        return False
    if any(t.text.startswith(("#", "@")) or t.like_num or t.like_url for t in span):
        return False
    if not all(
        t.text[:1].isupper()
        or t.text.lower() in {"de", "van", "von", "la", "le", "da", "bin", "al", "del"}
        or t.text in {"-", "."}
        or t.text in APOS
        for t in span
    ):
        return False
    return len(span) <= 5


def _org_ok(span: Span) -> bool:
    text = span.text
    if any(t.text.startswith(("#", "@")) for t in span) or "/" in text or "\n" in text:
        return False
    if not any(c.isupper() for c in text) or len(span) > 7:
        return False
    return not text.lower().startswith(("related", "image", "photo"))


def _first_and_last(name: str) -> tuple[str, str]:
    parts = name.split()
    return parts[0].casefold(), parts[-1].casefold()


def build_registry(
    doc: Doc, layout: Layout, quotes: list[Quotation], text: str | None = None
) -> Registry:
    """Link every usable PERSON/ORG mention to a canonical entity (`text` is doc.text)."""
    text = doc.text if text is None else text
    reg = Registry(doc)
    label_votes: Counter[tuple[str, str]] = Counter()
    candidates: list[tuple[Span, Kind]] = []
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e}
    for ent in doc.ents:
        if ent.label_ == "PERSON" or mislabelled_person(ent, person_words):
            kind: Kind = "person"
        elif ent.label_ in ORG_LABELS or (
            ent.label_ in {"PRODUCT", "GPE", "NORP", "WORK_OF_ART"}
            and ent.text.lower() in KNOWN_ORGS
        ):
            kind = "org"
        else:
            continue
        span = _clean_span(ent, kind)
        if span is None or layout.is_noise(span.start_char, span.end_char):
            continue
        if span.text.lower() in KNOWN_ORGS:
            kind = "org"
        if kind == "person" and _quoted_title(text, span, quotes):
            continue
        if kind == "org" and not_an_org(span):
            continue
        label_votes[(norm(span.text), kind)] += 1
        candidates.append((span, kind))
    _add_missed_orgs(doc, text, layout, candidates, label_votes)

    people: dict[str, Entity] = {}
    orgs: dict[str, Entity] = {}

    def person_for_full(span: Span) -> Entity:
        key = norm(span.text)
        if key in people:
            return people[key]
        first, last = _first_and_last(span.text)
        for ent in people.values():
            efirst, elast = _first_and_last(ent.name)
            # "Nick Pappas" and "Nick Jack Pappas" are the same person.
            if efirst == first and elast == last:
                return ent
        ent = Entity(span.text, "person")
        people[key] = ent
        reg.entities.append(ent)
        return ent

    # Pass 1: full names (>= 2 tokens) from body text create people; orgs create orgs.
    for span, kind in candidates:
        headline = _is_headline(text, layout, span.start_char)
        if kind == "person" and len(span) >= 2 and _person_ok(span) and not headline:
            if norm(span.text) in {norm(o) for o in KNOWN_ORGS}:
                continue
            person_for_full(span)
    candidates = [
        (
            span,
            "person"
            if kind == "org" and (_org_is_person(span, text) or titled_person(span))
            else kind,
        )
        for span, kind in candidates
    ]
    for span, kind in candidates:
        if (
            kind == "person"
            and len(span) >= 2
            and _person_ok(span)
            and not _is_headline(text, layout, span.start_char)
        ):
            person_for_full(span)
    for span, kind in candidates:
        if kind != "org" or not _org_ok(span):
            continue
        key = norm(span.text)
        if key in people or any(key == norm(p.surname) for p in people.values()):
            continue
        if label_votes[(key, "person")] > label_votes[(key, "org")] and key not in KNOWN_ORGS:
            continue
        if key not in orgs and not _is_headline(text, layout, span.start_char):
            ent = Entity(_org_name(span), "org")
            orgs[key] = ent
            reg.entities.append(ent)
    # Single-token PERSON spans that are really orgs ("Twitter") by majority vote.
    for span, kind in candidates:
        key = norm(span.text)
        if kind == "person" and key in orgs:
            continue

    # Pass 2: link every mention in document order.
    for span, kind in candidates:
        key = norm(span.text)
        if key in people:
            reg.add_mention(span.start, span.end, people[key], span.text)
            continue
        if key in orgs:
            reg.add_mention(span.start, span.end, orgs[key], span.text)
            continue
        if kind == "person" and len(span) >= 2 and _person_ok(span):
            first, last = _first_and_last(span.text)
            match = [p for p in people.values() if _first_and_last(p.name) == (first, last)]
            if match:
                reg.add_mention(span.start, span.end, match[0], span.text)
            continue
        if len(span) == 1 or (len(span) == 2 and span[-1].text in APOS):
            person = _link_single(span, people, reg)
            if person is not None:
                reg.add_mention(span.start, span.end, person, span.text)
                continue
            org = _link_org_alias(span, orgs)
            if org is not None:
                reg.add_mention(span.start, span.end, org, span.text)
    _merge_org_variants(reg, people)
    # Names folded into a longer one must link to it from now on, not to the removed entity.
    live = {id(e) for e in reg.entities}
    for key, ent in list(orgs.items()):
        if id(ent) not in live:
            merged = next((o for o in reg.organisations() if ent.name in o.aliases), None)
            if merged is None:
                del orgs[key]
            else:
                orgs[key] = merged
    _link_unlabelled_mentions(doc, text, layout, people, orgs, reg, quotes)
    reg.mentions.sort(key=lambda m: m.start)
    return reg


def _add_missed_orgs(
    doc: Doc,
    text: str,
    layout: Layout,
    candidates: list[tuple[Span, Kind]],
    votes: Counter[tuple[str, str]],
) -> None:
    """Add organisation names the NER missed (see orgnames); a PERSON span right after an
    organisation noun ("the law firm Ashcombe Whitley") becomes an organisation."""
    org_taken = {t.i for span, kind in candidates if kind == "org" for t in span}
    people = {(span.start, span.end): n for n, (span, kind) in enumerate(candidates)}
    person_tokens = {t.i for span, kind in candidates if kind == "person" for t in span}
    for span in extra_org_spans(doc, text, layout, org_taken):
        n = people.get((span.start, span.end))
        key = norm(span.text)
        if n is not None and after_org_noun(span):
            candidates[n] = (span, "org")
            votes[(key, "org")] += votes[(key, "person")] + 1
        elif not any(t.i in person_tokens for t in span) and span.text.lower() not in {
            w for w in ORG_SUFFIX_WORDS
        }:
            votes[(key, "org")] += 1
            candidates.append((span, "org"))
    candidates.sort(key=lambda c: c[0].start)


GENERIC_ORG_WORDS = ORG_SUFFIX_WORDS | {"the", "of", "and", "&", "for", "new", "city", "state"}


def _merge_org_variants(reg: Registry, people: dict[str, Entity]) -> None:
    """'Calloway Regional' and 'Tavora' are short forms of 'Calloway Regional Medical Center'
    and 'Tavora Logistics': fold them into the longest name."""
    orgs = sorted(reg.organisations(), key=lambda e: -len(e.name))
    person_words = {w.casefold() for p in people.values() for w in p.name.split()}
    for short in list(orgs):
        s = norm(short.name)
        for long in orgs:
            if long is short or len(long.name) <= len(short.name):
                continue
            lwords = norm(long.name).split()
            prefix = " ".join(lwords[: len(s.split())]) == s
            single = (
                len(s.split()) == 1
                and s not in GENERIC_ORG_WORDS
                and s not in person_words
                and s in (lwords[0], lwords[-1])
            )
            if prefix or single:
                _move(reg, short, long)
                break


def _move(reg: Registry, src: Entity, dst: Entity) -> None:
    for m in reg.mentions:
        if m.entity is src:
            m.entity = dst
            dst.tokens.append(m.start)
    dst.aliases.add(src.name)
    dst.aliases |= src.aliases
    src.tokens.clear()
    reg.entities.remove(src)


def _org_name(span: Span) -> str:
    return span.text


def _org_is_person(span: Span, text: str) -> bool:
    """An ORG-labelled 'Helena Stroud': two or three capitalised words, no organisation word,
    whose last word also stands alone in the text (people are called by surname)."""
    words = [t.text for t in span]
    if not 2 <= len(words) <= 3 or not all(
        w[:1].isupper() and w.replace("-", "").isalpha() for w in words
    ):
        return False
    if any(w.lower() in ORG_SUFFIX_WORDS or w.lower() in NOT_NAME_WORDS for w in words):
        return False
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if prev in {"firm", "company", "group", "startup", "bank", "fund", "the"}:
        return False
    if words[0].lower() in {"the", "a", "an"}:
        return False
    # The surname must stand alone somewhere else (not as part of this same name).
    alone = re.compile(
        r"(?<!" + re.escape(words[-2]) + r" )\b" + re.escape(words[-1]) + r"\b(?! [A-Z])"
    )
    return alone.search(text) is not None


def _link_single(span: Span, people: dict[str, Entity], reg: Registry) -> Entity | None:
    """A surname or first name: the most recent earlier full name with it, else a later one."""
    word = norm(span.text)
    by_last = [p for p in people.values() if _first_and_last(p.name)[1] == word]
    by_first = [p for p in people.values() if _first_and_last(p.name)[0] == word]
    pool = by_last or (by_first if len(by_first) == 1 else [])
    if not pool:
        return None
    if len(pool) == 1:
        return pool[0]
    earlier = [(max((t for t in p.tokens if t < span.start), default=-1), p) for p in pool]
    earlier.sort(key=lambda x: -x[0])
    return earlier[0][1]


def _link_org_alias(span: Span, orgs: dict[str, Entity]) -> Entity | None:
    word = span.text.strip()
    for org in orgs.values():
        initials = "".join(w[0] for w in org.name.split() if w[0].isupper() and w.lower() != "the")
        if len(word) >= 2 and word.isupper() and word == initials:
            return org
    return None


def _link_unlabelled_mentions(
    doc: Doc,
    text: str,
    layout: Layout,
    people: dict[str, Entity],
    orgs: dict[str, Entity],
    reg: Registry,
    quotes: list[Quotation],
) -> None:
    """NER misses many repeat mentions ("McGowan tweeting", ORG "Milano"): link any proper-noun
    token equal to a known surname, or text equal to a known full name or organisation."""
    surnames: dict[str, list[Entity]] = {}
    for p in people.values():
        surnames.setdefault(p.surname.casefold(), []).append(p)
    org_first: dict[str, list[Entity]] = {}
    short_forms: dict[str, Entity] = {}
    person_words = {w.casefold() for p in people.values() for w in p.name.split()}
    for o in reg.organisations():
        words = norm(o.name).split()
        org_first.setdefault(words[0], []).append(o)
        for w in (words[0], words[-1]):
            if w not in GENERIC_ORG_WORDS and w not in person_words and len(words) > 1:
                short_forms.setdefault(w, o)
    for tok in doc:
        if tok.i in reg.by_token or not tok.text[:1].isupper() or tok.text.startswith(("#", "@")):
            continue
        if layout.is_noise(tok.idx, tok.idx + len(tok.text)):
            continue
        low = tok.text.casefold()
        cands = surnames.get(low)
        if cands and (
            tok.i + 1 >= len(doc)
            or not doc[tok.i + 1].text[:1].isupper()
            or doc[tok.i + 1].text in APOS
        ):
            span = doc[tok.i : tok.i + 1]
            if _quoted_title(text, span, quotes):
                continue
            person = _link_single(span, people, reg)
            if person is not None:
                reg.add_mention(tok.i, tok.i + 1, person, tok.text)
                continue
        for org in org_first.get(low, []) + org_first.get(norm(tok.text), []):
            n = len(org.name.split())
            start = tok.i - (
                1
                if tok.i > 0
                and doc[tok.i - 1].lower_ == "the"
                and org.name.lower().startswith("the ")
                else 0
            )
            span = doc[start : start + n]
            if norm(span.text) == norm(org.name) and not any(
                i in reg.by_token for i in range(span.start, span.end)
            ):
                reg.add_mention(span.start, span.end, org, span.text)
                break
        else:
            if low in KNOWN_ORGS and low not in orgs:
                ent = Entity(tok.text, "org")
                orgs[low] = ent
                reg.entities.append(ent)
                reg.add_mention(tok.i, tok.i + 1, ent, tok.text)
            elif low in orgs:
                reg.add_mention(tok.i, tok.i + 1, orgs[low], tok.text)
            elif low in short_forms and tok.pos_ == "PROPN":
                reg.add_mention(tok.i, tok.i + 1, short_forms[low], tok.text)
