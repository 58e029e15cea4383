"""Organisation names the small NER model misses, and ORG labels it puts on the wrong words.

- A run of capitalised words ending in an organisation word: "Eastside Tenants Union",
  "Eastgate Legal Aid", "Harbor Fresh Foods".
- A capitalised name right after an organisation noun: "the payments startup Quillpath",
  "the law firm Ashcombe Whitley".
- Not organisations: one common noun that opens a sentence ("Guest conductors will lead").
- People the model labels ORG: a name right after a job title ("chief executive Lorraine
  Petrakis") or set off as the appositive of one ("whose founder, Alistair Brook,").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from loaders.extract.entitylex import ORG_END, PLACE_END, ROLE_ACRONYMS
from loaders.extract.layout import Layout
from loaders.extract.lexicon import (
    ORG_ROLE_NOUNS,
    PERSON_ROLE_NOUNS,
    PERSON_TITLES,
    SPOKES_NOUNS,
)

ORG_END_WORDS = (
    "Union|Unions|Partners|Group|Inc\\.?|Corp\\.?|Corporation|LLC|Ltd\\.?|Foods|Capital|"
    "Hospital|University|College|Symphony|Orchestra|Council|Legal Aid|Association|Alliance|"
    "Coalition|Foundation|Institute|Committee|Commission|Holdings|Ventures|Properties|"
    "Industries|Pictures|Productions|Studios|Records|Labs|Bank|Trust|Fund|Society|Guild|"
    "Federation|Agency|Authority|Department|Ministry|Press|Research|Securities|Logistics|"
    "Energy|Motors|Airlines|Pharmaceuticals|Systems|Technologies|Media|Network|Clinic|"
    "Medical Center|Health|Church|Club|League|Academy|School|Television|Ventures|Seminary|"
    "Fellowship|Ministries|Advisors|Advisers|Associates|Mutual|Insurance|Museum|Gallery|"
    "Theatre|Theater|FC|Management|Consulting|Office"
)
NAME_WORD = r"(?:[A-Z][\w’'&.-]*|&|of|and|for|the)"
ORG_RUN_RE = re.compile(
    rf"(?<![\w’'])(?:The |the )?[A-Z][\w’'.-]*(?: {NAME_WORD}){{0,4}} (?:{ORG_END_WORDS})\b"
)
LEAD_WORDS = {"the", "a", "an", "of", "and", "for"}
TITLE_WORDS = PERSON_ROLE_NOUNS | SPOKES_NOUNS | {"founder", "co-founder", "executive"}
NAME_ENT_TYPES = {"", "ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC"}
ORG_NOUN_BEFORE_NAME = ORG_ROLE_NOUNS | {
    "startup",
    "firm",
    "company",
    "lender",
    "nonprofit",
    "site",
    "website",
    "broadcaster",
    "house",
    "chain",
    "developer",
}


def _span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    while len(span) and span[0].lower_ in LEAD_WORDS and span[0].text != "The":
        span = span[1:]
    return span if len(span) else None


def _after_other_name(span: Span) -> Span | None:
    """'Strathairn and Altitude Model Management': a person or place before 'and' is not part
    of the organisation's name."""
    for tok in span:
        if tok.lower_ == "and" and any(
            t.ent_type_ in {"PERSON", "GPE", "LOC", "NORP"} for t in span.doc[span.start : tok.i]
        ):
            return _span(span.doc, tok.idx + 4, span.end_char)
    return span


def _sentence_initial_common(span: Span) -> bool:
    first = span[0]
    return first.is_sent_start and len(span) == 1 and first.pos_ != "PROPN"


def extra_org_spans(doc: Doc, text: str, layout: Layout, taken: set[int]) -> list[Span]:
    """Organisation spans the NER missed (tokens in `taken` already belong to an entity)."""
    out: list[Span] = []
    for m in ORG_RUN_RE.finditer(text):
        if "\n" in m.group(0) or layout.is_noise(m.start(), m.end()):
            continue
        span = _span(doc, m.start(), m.end())
        if span is not None:
            span = _after_other_name(span)
        if span is None or len(span) < 2 or any(t.i in taken for t in span):
            continue
        words = [t.text for t in span if t.text not in {"The"}]
        # Every word capitalised except the connectors; a lone "The Union" is not a name.
        if len(words) < 2 or (span[0].is_sent_start and span[0].pos_ not in {"PROPN", "DET"}):
            continue
        out.append(span)
    for tok in doc:
        # "the payments startup Quillpath", "the law firm Ashcombe Whitley"
        if tok.lower_ not in ORG_NOUN_BEFORE_NAME or tok.i + 1 >= len(doc):
            continue
        nxt = doc[tok.i + 1]
        if nxt.pos_ != "PROPN" or not nxt.text[:1].isupper() or nxt.i in taken:
            continue
        # Not a date or place ("the company Monday said"), nor a titled person ("the board
        # Chairman ...").
        if nxt.ent_type_ not in NAME_ENT_TYPES or nxt.lower_ in PERSON_TITLES | TITLE_WORDS:
            continue
        end = nxt.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        span = doc[nxt.i : end]
        if (
            end - nxt.i <= 4
            and not any(t.i in taken for t in span)
            and not layout.is_noise(span.start_char, span.end_char)
        ):
            out.append(span)
    return out


def after_org_noun(span: Span) -> bool:
    """The span follows an organisation noun: "the law firm Ashcombe Whitley"."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in ORG_NOUN_BEFORE_NAME


GENERIC_ORG_WORDS = ORG_ROLE_NOUNS | {w.lower().rstrip("\\.?") for w in ORG_END_WORDS.split("|")}


# Time zones and buildings the model tags ORG.
NOT_ORG_WORDS = {
    "bst",
    "gmt",
    "est",
    "edt",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "cet",
    "et",
    "pt",
    "capitol",
    # a legislature by its bare name is an institution, not a party to a claim
    "senate",
    "congress",
    "house",
    "parliament",
    "legislature",
}


def _code(word: str) -> bool:
    """A case or docket number ('CAM-C-000118-22'), not 'Riverside 7 News'."""
    digits = sum(ch.isdigit() for ch in word)
    return digits >= 4 or (digits > 0 and "-" in word)


# "Fallbrook Mayor Ada Voss" tagged "Fallbrook Mayor": a place and an office, not a body.
OFFICE_ENDINGS = {"mayor", "governor", "senator", "sheriff", "clerk", "councilman",
                  "councilwoman", "councillor", "alderman", "treasurer", "comptroller"}


def _statute(span: Span) -> bool:
    """'Title IX', 'Section C': a law or a part of one, named by a Roman numeral or letter."""
    return (
        len(span) == 2
        and span[0].lower_ in {"title", "section", "article", "chapter"}
        and span[1].text.isupper()
    )


def not_an_org(span: Span) -> bool:
    """An ORG label on a sentence-opening common noun ("Guest conductors will ..."), on a
    lone generic word ("Hospital", "Group") or on a place and an office ("Fallbrook Mayor")."""
    return (
        _sentence_initial_common(span)
        or (len(span) > 1 and span[-1].lower_ in OFFICE_ENDINGS)
        or _statute(span)
        or (len(span) == 1 and span[0].lower_ in GENERIC_ORG_WORDS | NOT_ORG_WORDS)
        or any(_code(t.text) for t in span)
    )


def titled_person(span: Span) -> bool:
    """'chief executive Lorraine Petrakis', 'whose founder, Alistair Brook,': a two- or
    three-word capitalised name given a person's job title is a person."""
    words = [t.text for t in span]
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in TITLE_WORDS and prev.text.islower():
        return True
    root = span.root
    return root.dep_ == "appos" and root.head.lower_ in TITLE_WORDS and root.head.text.islower()


def mislabelled_person(ent: Span, person_words: set[str]) -> bool:
    """'The woman, Renata Oyelaran, 31' tagged GPE while 'Oyelaran' alone is tagged PERSON
    elsewhere: a two- or three-word capitalised place/group label whose last word the model
    calls a person is a person."""
    if ent.label_ not in {"GPE", "NORP", "LOC", "FAC"} or not 2 <= len(ent) <= 3:
        return False
    words = [t.text for t in ent]
    if not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return False
    return words[-1] in person_words


def clean_org(span: Span) -> Span | None:
    """Cut an ORG span at a comma, bracket or line break ("Ledgerwire, Fairweather",
    "Idaho (FP"), keep what follows a possessive ("Wexcombe's Office of Equity"), drop
    trailing lower-case words ("Fallsburg council"); None for job-title acronyms ("CFO") and
    place names ("Larch River")."""
    doc = span.doc
    start, end = span.start, span.end
    for tok in span:
        if tok.text in {",", "(", ")", "|", ";"} or "\n" in tok.text:
            end = tok.i
            break
    for tok in doc[start:end]:
        if tok.text in {"'s", "’s"} and tok.i > start:
            start = tok.i + 1
    while end > start and doc[end - 1].text.islower() and doc[end - 1].lower_ not in ORG_END:
        end -= 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    out = doc[start:end]
    words = [w.lower() for w in out.text.split()]
    if out.text.lower() in ROLE_ACRONYMS or not any(c.isupper() for c in out.text):
        return None
    if words[-1] in PLACE_END and not any(w in ORG_END for w in words):
        return None
    return out
