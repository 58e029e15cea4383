"""People and organisations: cleaning NER spans, linking surnames/first names to full names.

The result is a registry mapping token indices to canonical entities, used by every rule.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from loaders.extract.entities import (
    ORG_LABELS,
    ORG_SUFFIX_WORDS,
    Entity,
    Kind,
    Mention,
    Registry,
    norm,
)
from loaders.extract.entitylex import ORG_END, ROLE_TITLES
from loaders.extract.entitylinks import (
    fold_org_short_people,
    legal_stem,
    link_org_alias,
    link_unlabelled_mentions,
    merge_legal_forms,
    merge_org_variants,
    prefer_bare_names,
)
from loaders.extract.firstnames import is_given_name
from loaders.extract.layout import Layout
from loaders.extract.lexicon import KNOWN_ORGS
from loaders.extract.nameclass import (
    name_like,
    org_apposition,
    org_by_last_word,
    person_context,
    reclassify,
)
from loaders.extract.orgnames import (
    after_org_noun,
    clean_org,
    extra_org_spans,
    mislabelled_person,
    not_an_org,
    titled_person,
)
from loaders.extract.personnames import (
    NOT_NAME_WORDS,
    clean_span,
    complete_names,
    first_and_last,
    is_headline,
    link_single,
    one_word,
    person_ok,
    quoted_title,
)
from loaders.extract.quotes import Quotation

PLACE_LABELS = {"GPE", "LOC", "FAC"}
KNOWN_ORG_KEYS = {norm(o) for o in KNOWN_ORGS}
__all__ = ["Entity", "Kind", "Mention", "Registry", "build_registry", "norm"]


def _org_ok(span: Span) -> bool:
    text = span.text
    if any(t.text.startswith(("#", "@")) for t in span) or "/" in text or "\n" in text:
        return False
    if not any(c.isupper() for c in text) or len(span) > 7:
        return False
    return not text.lower().startswith(("related", "image", "photo"))


def build_registry(  # noqa: C901
    doc: Doc, layout: Layout, quotes: list[Quotation], text: str | None = None
) -> Registry:
    """Link every usable PERSON/ORG mention to a canonical entity (`text` is doc.text)."""
    text = doc.text if text is None else text
    reg = Registry(doc)
    label_votes: Counter[tuple[str, str]] = Counter()
    candidates: list[tuple[Span, Kind]] = []
    ents = doc.ents
    person_words = {t.text for e in ents if e.label_ == "PERSON" for t in e}
    places = Counter(norm(e.text) for e in ents if e.label_ in PLACE_LABELS)
    for ent in (part for e in ents for part in split_joined_orgs(e)):
        if ent.label_ == "PERSON" or mislabelled_person(ent, person_words):
            kind: Kind = "person"
        elif ent.label_ not in ORG_LABELS and name_like(ent) and person_context(ent):
            kind = "person"
        elif given_name_first(ent):
            kind = "person"  # "Malik Owusu-Danquah" tagged ORG: a given name opens it
        elif ent.label_ not in ORG_LABELS and len(ent) == 1 and org_apposition(ent):
            kind = "org"  # "from a larger rival, Helixgate," tagged GPE
        elif ent.label_ in ORG_LABELS or (
            ent.label_ in {"PRODUCT", "GPE", "NORP", "WORK_OF_ART"}
            and ent.text.lower() in KNOWN_ORGS
        ):
            kind = "org"
        else:
            continue
        span = clean_span(ent, kind)
        if span is not None and kind == "org":
            span = clean_org(span)
        if span is None or layout.is_noise(span.start_char, span.end_char):
            continue
        if span.text.lower() in KNOWN_ORGS:
            kind = "org"
        if kind == "person" and quoted_title(text, span, quotes):
            continue
        if kind == "org" and not_an_org(span):
            continue
        label_votes[(norm(span.text), kind)] += 1
        candidates.append((span, kind))
    for span in [
        *names_by_context(doc, layout, candidates),
        *names_by_given(doc, layout, candidates, quotes),
    ]:
        candidates = [(c, k) for c, k in candidates if c.end <= span.start or c.start >= span.end]
        label_votes[(norm(span.text), "person")] += 1
        candidates.append((span, "person"))
    for span in outlets_by_context(doc, layout):
        key = norm(span.text)
        candidates = [(c, k) for c, k in candidates if c.end <= span.start or c.start >= span.end]
        label_votes[(key, "org")] += 10  # the place in the sentence outweighs the model
        candidates.append((span, "org"))
    _add_missed_orgs(doc, text, layout, candidates, label_votes)
    candidates = _second_opinions(doc, layout, candidates, label_votes)
    candidates = _legal_stem_orgs(candidates, label_votes)

    people: dict[str, Entity] = {}
    orgs: dict[str, Entity] = {}

    def person_for_full(span: Span) -> Entity:
        key = norm(span.text)
        if key in people:
            return people[key]
        first, last = first_and_last(span.text)
        for ent in people.values():
            efirst, elast = first_and_last(ent.name)
            # "Nick Pappas" and "Nick Jack Pappas" are the same person.
            if efirst == first and elast == last:
                return ent
        ent = Entity(span.text, "person")
        people[key] = ent
        reg.entities.append(ent)
        return ent

    # Pass 1: full names (>= 2 words) from body text create people, longest first, so that
    # "Ruth Ann" joins "Ruth Ann Bellweather"; orgs create orgs.
    org_keys = [norm(s.text).split() for s, k in candidates if k == "org"]
    for span, kind in sorted(candidates, key=lambda c: -len(c[0].text.split())):
        headline = is_headline(text, layout, span.start_char)
        if kind == "person" and not one_word(span) and person_ok(span) and not headline:
            words = norm(span.text).split()
            if any(len(o) > len(words) and o[: len(words)] == words for o in org_keys):
                continue  # "Grace Harbor" of "Grace Harbor Fellowship"
            longer = [
                p
                for p in people.values()
                if norm(p.name).split()[: len(words)] == words and len(p.name.split()) > 2
            ]
            if len(longer) == 1:
                people[norm(span.text)] = longer[0]
                continue
            if norm(span.text) in KNOWN_ORG_KEYS:
                continue
            person_for_full(span)
    candidates = [
        (
            span,
            "person"
            if kind == "org"
            and not org_by_last_word(span)
            and (_org_is_person(span, text) or titled_person(span))
            else kind,
        )
        for span, kind in candidates
    ]
    for span, kind in candidates:
        if (
            kind == "person"
            and not one_word(span)
            and person_ok(span)
            and not is_headline(text, layout, span.start_char)
        ):
            person_for_full(span)
    for span, kind in candidates:
        if kind != "org" or not _org_ok(span):
            continue
        key = norm(span.text)
        if key in people or any(key == norm(p.surname) for p in people.values()):
            continue
        if one_word(span) and any(key == norm(p.name.split()[0]) for p in people.values()):
            continue  # "Callum" tagged ORG where Callum Ashwell-Trevelyan is named
        if key not in KNOWN_ORGS and (
            label_votes[(key, "person")] > label_votes[(key, "org")]
            or places[key] >= label_votes[(key, "org")]
        ):
            continue
        if key not in orgs and not is_headline(text, layout, span.start_char):
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
        if kind == "person" and not one_word(span) and person_ok(span):
            first, last = first_and_last(span.text)
            match = [p for p in people.values() if first_and_last(p.name) == (first, last)]
            if match:
                reg.add_mention(span.start, span.end, match[0], span.text)
            continue
        if one_word(span):
            person = link_single(span, people, reg)
            if person is not None:
                reg.add_mention(span.start, span.end, person, span.text)
                continue
            org = link_org_alias(span, orgs)
            if org is not None:
                reg.add_mention(span.start, span.end, org, span.text)
    merge_legal_forms(reg, people)
    merge_org_variants(reg, people)
    # Names folded into a longer one must link to it from now on, not to the removed entity.
    live = {id(e) for e in reg.entities}
    for key, ent in list(orgs.items()):
        if id(ent) not in live:
            merged = next((o for o in reg.organisations() if ent.name in o.aliases), None)
            if merged is None:
                del orgs[key]
            else:
                orgs[key] = merged
    link_unlabelled_mentions(doc, text, layout, people, orgs, reg, quotes)
    fold_org_short_people(reg)
    prefer_bare_names(reg)
    reg.mentions.sort(key=lambda m: m.start)
    return reg


def names_by_given(
    doc: Doc, layout: Layout, candidates: list[tuple[Span, Kind]], quotes: list[Quotation]
) -> list[Span]:
    """'Comedian Jasper Wilding acknowledged ...' with no PERSON label at all: a common given
    name and a capitalised surname the text uses again on its own."""
    # only people or multi-word names block ("Sutcliffe" alone tagged ORG does not)
    covered = {t.i for c, k in candidates if k == "person" or len(c) > 1 for t in c}
    capitalised = Counter(re.findall(r"\b[A-Z][a-z]+\b", doc.text))
    out: list[Span] = []
    for t in doc[:-1]:
        if t.pos_ != "PROPN" or not t.is_title or t.i in covered:
            continue
        nxt = doc[t.i + 1]
        if nxt.i in covered:
            continue
        if len(t.text) < 3 or not is_given_name(t.text) or not nxt.text.istitle():
            continue
        if not nxt.is_alpha or len(nxt.text) < 3 or nxt.ent_type_ in {"NORP", "GPE", "LOC"}:
            continue  # "So I", "An MP", "Carolina Panthers"
        if nxt.ent_iob_ == "I" and nxt.ent_type_ in {"ORG", "FAC", "PRODUCT", "WORK_OF_ART"}:
            continue  # one organisation's name ("Carolina Stingrays")
        if nxt.lower_ in {"doe", "roe"}:
            continue  # "Jane Doe 1": a pseudonym, not a person's name
        if nxt.lower_ in ORG_END | NOT_NAME_WORDS or capitalised.get(nxt.text, 0) < 2:
            continue
        after = doc[t.i + 2] if t.i + 2 < len(doc) else None
        if after is not None and (after.text == "-" or (after.is_alpha and after.text.istitle())):
            continue  # part of a longer name ("Jordan River Park", "Ellis Dromgoole-Kaye")
        span = doc[t.i : t.i + 2]
        if quoted_title(doc.text, span, quotes):
            continue  # the novel "Molly Tamberlane"
        if not layout.is_noise(span.start_char, span.end_char):
            out.append(span)
            covered |= {t.i, nxt.i}
    return out


def split_joined_orgs(ent: Span) -> list[Span]:
    """'The Daily Ledger and The Evening Post' tagged as one ORG: two names."""
    if ent.label_ not in ORG_LABELS:
        return [ent]
    for tok in ent[1:-1]:
        nxt = tok.doc[tok.i + 1]
        if tok.lower_ == "and" and nxt.text == "The" and tok.i - 1 >= ent.start:
            left = Span(ent.doc, ent.start, tok.i, label=ent.label_)
            right = Span(ent.doc, tok.i + 1, ent.end, label=ent.label_)
            return [left, right]
    return [ent]


def _proper_run(head: Token) -> Span | None:
    """The capitalised compound name headed by `head` ('the Sunset Courier' -> 'Sunset
    Courier')."""
    toks = [t for t in head.subtree if t.dep_ in {"compound", "det"} or t is head]
    toks = [t for t in toks if t.lower_ != "the"]
    if not toks or any(t.pos_ != "PROPN" or not t.text[:1].isupper() for t in toks):
        return None
    start, end = min(t.i for t in toks), max(t.i for t in toks) + 1
    if end - start != len(toks) or end - start > 3:
        return None
    return head.doc[start:end]


def outlets_by_context(doc: Doc, layout: Layout) -> list[Span]:
    """Names in an outlet's place: 'told the Sunset Courier', 'Reelside reported', 'first
    reported by Glossline' (not a given name: 'told Sarah Mendoza' is a person)."""
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    out: list[Span] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        heads: list[Token] = []
        if lemma == "tell" and tok.pos_ == "VERB":
            heads = [c for c in tok.children if c.dep_ in {"dobj", "dative"}]
        elif lemma in {"report", "publish"} and tok.pos_ == "VERB":
            # news reporting ('X reported that ...', 'first reported by X'), not earnings
            # ('..., the Sunday Courier reported.' has no object either)
            if any(c.dep_ == "ccomp" for c in tok.children) or not any(
                c.dep_ in {"dobj", "xcomp", "prep"} for c in tok.children
            ):
                heads = [c for c in tok.children if c.dep_ == "nsubj"]
            heads += [p for c in tok.children if c.dep_ == "agent" for p in c.children]
        for head in heads:
            span = _proper_run(head)
            if span is None or layout.is_noise(span.start_char, span.end_char):
                continue
            if is_given_name(span[0].text) or span.text.isupper():
                continue
            if len(span) == 1 and (span[0].lower_ in ORG_END or span.text in surnames):
                continue  # "told the Courier" (a short form), "told Jacobs" (a person)
            if doc[span.start - 1].text == "-" or (
                span.end < len(doc) and doc[span.end].text == "-"
            ):
                continue  # part of a double-barrelled surname
            out.append(span)
    return out


def given_name_first(ent: Span) -> bool:
    """A two- or three-word capitalised name, labelled anything, opening with a common given
    name and ending in no organisation word: 'Rosalind Papadakis-Hume', not 'Chase Bank'."""
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_.rstrip(".") in ROLE_TITLES:
        start += 1  # "Model Ella Price" tagged ORG
    name = ent.doc[start : ent.end]
    words = name.text.split()
    return (
        ent.label_ not in PLACE_LABELS  # "Harlan County" is a place
        and 2 <= len(words) <= 3
        and name_like(name)
        and not org_by_last_word(ent)
        and not ent.text.isupper()
        and ent.text.lower() not in KNOWN_ORGS
        and is_given_name(words[0])
    )


def names_by_context(doc: Doc, layout: Layout, candidates: list[tuple[Span, Kind]]) -> list[Span]:
    """Two or three capitalised proper nouns set off as a person ('Priya Ramsden, who ...',
    'Dana Oyelaran, 34,') that the model missed or tagged as a place."""
    people = [c for c, k in candidates if k == "person"]
    out: list[Span] = []
    for tok in doc:
        if tok.text != "," or tok.i < 2:
            continue
        for width in (3, 2):
            start = tok.i - width
            if start < 0:
                continue
            span = doc[start : tok.i]
            first = span[0]
            if (
                any(t.pos_ != "PROPN" for t in span)
                or (start > 0 and doc[start - 1].pos_ in {"PROPN", "ADP"})  # "from San Antonio,"
                or first.lower_ in NOT_NAME_WORDS
                or not name_like(span)
                or not person_context(span)
                or any(p.start <= span.start and span.end <= p.end for p in people)
                or layout.is_noise(span.start_char, span.end_char)
            ):
                continue
            clean = clean_span(span, "person")
            if clean is not None and len(clean) >= 2:
                out.append(clean)
            break
    return out


def _legal_stem_orgs(
    candidates: list[tuple[Span, Kind]], votes: Counter[tuple[str, str]]
) -> list[tuple[Span, Kind]]:
    """'a spokesman for Coldharbour Lending' tagged PERSON, in an article that names
    'Coldharbour Lending Inc.': the name without its legal suffix is the organisation."""
    stems = {
        legal_stem(s.text)
        for s, k in candidates
        if k == "org" and legal_stem(s.text) != norm(s.text)
    }
    if not stems:
        return candidates
    out: list[tuple[Span, Kind]] = []
    for span, kind in candidates:
        key = norm(span.text)
        if kind == "person" and key in stems:
            votes[(key, "person")] -= 1
            votes[(key, "org")] += 1
            kind = "org"
        out.append((span, kind))
    return out


def _second_opinions(
    doc: Doc, layout: Layout, candidates: list[tuple[Span, Kind]], votes: Counter[tuple[str, str]]
) -> list[tuple[Span, Kind]]:
    """Relabel candidates from their words and context (nameclass), and add the full names
    the model missed for surnames it tagged alone (personnames.complete_names)."""
    fixed = reclassify(candidates)
    for (span, old), (_, new) in zip(candidates, fixed, strict=True):
        key = norm(span.text)
        if old != new:
            votes[(key, old)] -= 1
            votes[(key, new)] += 1
        if one_word(span) and org_apposition(span):
            votes[(key, "org")] += 100
    singles = {s.text for s, k in fixed if k == "person" and len(s) == 1}
    full_last = {s.text.split()[-1].casefold() for s, k in fixed if not one_word(s)}
    added = complete_names(doc, layout, singles, full_last)
    if added:
        taken = {t.i for span in added for t in span}
        fixed = [(s, k) for s, k in fixed if not any(t.i in taken for t in s)]
        fixed += [(span, "person") for span in added]
        fixed.sort(key=lambda c: c[0].start)
    return fixed


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
