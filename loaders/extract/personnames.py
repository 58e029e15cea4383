"""People's names: cleaning NER spans, telling names from other capitalised words, and
linking a lone surname or first name to the full name it stands for."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from loaders.extract.entities import APOS, Entity, Kind, Registry, norm
from loaders.extract.entitylex import NICKNAMES, NOT_FIRST_NAMES, ORG_END, PLACE_END, ROLE_TITLES
from loaders.extract.firstnames import is_given_name
from loaders.extract.layout import Layout
from loaders.extract.lexicon import PERSON_TITLES
from loaders.extract.quotes import Quotation, enclosing


def clean_span(span: Span, kind: Kind) -> Span | None:
    """Trim honorifics, possessives, punctuation and a lowercase 'the'."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or (kind == "person" and doc[start].lower_ in PERSON_TITLES | {"maestro", "chef"})
        # "Treasurer Annette L. Marchbanks", "Midfielder Lucía Marín-Soto"
        or (kind == "person" and doc[start].lower_ in ROLE_TITLES and end - start > 1)
        or (doc[start].lower_ == "the" and (kind == "person" or doc[start].text == "the"))
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in APOS
    ):
        end -= 1
    # "Sebastian Drahomir|-Lisle": the model sometimes stops at a double-barrelled surname's
    # hyphen.
    while (
        kind == "person"
        and end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
        and doc[end + 1].is_alpha
    ):
        end += 2
    if start >= end:
        return None
    return doc[start:end]


def is_headline(text: str, layout: Layout, offset: int) -> bool:
    """Title-case lines (headlines, 'Related:' links) make NER invent people."""
    pstart, pend = layout.paragraph_of(offset)
    # A caption is judged without its trailing credit "(Photo: Name/Station)".
    pend = min([s for s, e in layout.noise if pstart < s < pend] + [pend])
    words = re.findall(r"[A-Za-z][\w'’-]*", text[pstart:pend])
    if _kicker(text, layout, pstart, pend, len(words)):
        return True
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.7 and not text[pstart:pend].rstrip().endswith(
        (".", '"', "”", "?", "!")
    )


def _kicker(text: str, layout: Layout, start: int, end: int, words: int) -> bool:
    """The masthead and section lines over the headline ("Quadrangle Report", "LEDGERLINE |
    Crypto", "Gadgets & Health"): short page-top lines that name the outlet or a section,
    never a party (a party named there is named again in the story)."""
    if not layout.is_headline(start, end) or words > 3 or "\n" in text[start:end].strip():
        return False
    top = [s for s, e in layout.paragraphs if text[s:e].strip()][:2]
    return "|" in text[start:end] or start in top


def quoted_title(text: str, span: Span, quotes: list[Quotation]) -> bool:
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
} | PLACE_END


def person_ok(span: Span) -> bool:
    if any(t.lower_ in NOT_NAME_WORDS for t in span) and not place_word_surname(span):
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


# Place words that are also common surnames.
SURNAME_PLACE_WORDS = {"park", "hill", "hills", "lake", "beach", "forest", "island"}


def place_word_surname(span: Span) -> bool:
    """'Linda Park', 'Karen Hill': a given name, then a surname that is also a place word."""
    words = span.text.split()
    return (
        len(words) in {2, 3}
        and is_given_name(words[0])
        and words[-1].lower() in SURNAME_PLACE_WORDS
        and not any(t.lower_ in NOT_NAME_WORDS for t in span[:-1])
    )


def first_and_last(name: str) -> tuple[str, str]:
    """First and last word, the first as its full form ("Tom" -> "thomas")."""
    parts = name.split()
    first = parts[0].casefold()
    return NICKNAMES.get(first, first), parts[-1].casefold()


def one_word(span: Span) -> bool:
    """A lone surname or first name, possibly possessive: "Ybarra-Lentz", "Whitcombe's"."""
    return len(re.sub(r"[’']s?$", "", span.text.strip()).split()) == 1


def link_single(span: Span, people: dict[str, Entity], reg: Registry) -> Entity | None:
    """A surname or first name: the most recent earlier full name with it, else a later one."""
    word = norm(span.text)
    word = NICKNAMES.get(word, word) if span.text[:1].isupper() else word
    by_last = [p for p in people.values() if first_and_last(p.name)[1] == word]
    by_first = [p for p in people.values() if first_and_last(p.name)[0] == word]
    pool = by_last or (by_first if len(by_first) == 1 else [])
    if not pool:
        return None
    if len(pool) > 1:
        # "Theo Larkspur" over "Little Larkspur" (a restaurant the model took for a person)
        given = [p for p in pool if is_given_name(first_and_last(p.name)[0])]
        pool = given or pool
    if len(pool) == 1:
        return pool[0]
    earlier = [(max((t for t in p.tokens if t < span.start), default=-1), p) for p in pool]
    earlier.sort(key=lambda x: -x[0])
    return earlier[0][1]


def complete_names(doc: Doc, layout: Layout, singles: set[str], full_last: set[str]) -> list[Span]:
    """Full names the model missed whose surname it tagged alone elsewhere: "Priya Raithatha"
    before "Ms Raithatha". A capitalised proper noun right before the surname, not a title,
    function word or month, makes a full name."""
    out: list[Span] = []
    for tok in doc[1:]:
        if tok.text not in singles or tok.text.casefold() in full_last | ORG_END:
            continue
        first = doc[tok.i - 1]
        if (
            first.pos_ != "PROPN"
            or not first.text[:1].isupper()
            or not first.text.replace("-", "").isalpha()
            or first.lower_ in NOT_FIRST_NAMES | ROLE_TITLES | PERSON_TITLES
            or first.lower_ in NOT_NAME_WORDS
            or (tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper())
        ):
            continue
        span = doc[first.i : tok.i + 1]
        if not layout.is_noise(span.start_char, span.end_char):
            out.append(span)
    return out
