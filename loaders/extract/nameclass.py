"""Second opinions on the small model's labels for capitalised names.

- "Tidewater FC", "Westmoor Television" tagged PERSON end in an organisation word: orgs.
- Names joined by "and" share a kind: "Megan Thistlewood and Paloma Esquivel" (the second
  tagged ORG) are people; "Maison Verrault and Calloway & Finch" are organisations.
- A two- or three-word name followed by ", who", by an age (", 45,"), or set off against a
  person noun ("another volunteer, Beverly Haugland") is a person whatever its label.
- A one-word name set off against an organisation noun ("Lumenfold, the cloud-security
  startup") is an organisation.
"""

from __future__ import annotations

from spacy.tokens import Span

from loaders.extract.entities import APOS, Kind
from loaders.extract.entitylex import ORG_END, PERSON_NOUNS, PLACE_END
from loaders.extract.firstnames import is_given_name
from loaders.extract.lexicon import PERSON_ROLE_NOUNS, SPOKES_NOUNS
from loaders.extract.orgnames import NAME_ENT_TYPES, ORG_NOUN_BEFORE_NAME
from loaders.extract.personnames import SURNAME_PLACE_WORDS

PERSON_SET_OFF = PERSON_NOUNS | PERSON_ROLE_NOUNS | SPOKES_NOUNS
ORG_SET_OFF = ORG_NOUN_BEFORE_NAME | {"site", "website", "nonprofit", "charity", "maker"}


def name_words(span: Span) -> list[str]:
    """The whitespace-separated words of a span: "Ybarra-Lentz" is one word."""
    return span.text.split()


def name_like(span: Span) -> bool:
    """Two or three capitalised words with no organisation or place word."""
    words = name_words(span)
    if not 2 <= len(words) <= 3:
        return False
    for w in words:
        bare = w.replace("-", "").replace("’", "").replace("'", "").rstrip(".")
        if not (w[:1].isupper() and bare.isalpha()) or w.lower() in ORG_END:
            return False
        if w.lower() in PLACE_END and not (
            w is words[-1] and w.lower() in SURNAME_PLACE_WORDS and is_given_name(words[0])
        ):
            return False  # "Mill Street", but "Linda Park"
    return True


def org_by_last_word(span: Span) -> bool:
    words = name_words(span)
    return len(words) >= 2 and words[-1].lower().strip(".,") in ORG_END


def person_context(span: Span) -> bool:
    """', who' or ', 45,' after the name, or a person noun it is set off against."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].pos_ == "ADP":
        return False  # "a singer from San Antonio, who says": the place, not the person
    nxt = [t.lower_ for t in doc[span.end : span.end + 3]]
    if nxt[:2] == [",", "who"] or (len(nxt) == 3 and nxt[0] == "," and nxt[1].isdigit()):
        return True
    if span.start >= 2 and doc[span.start - 1].text == ",":
        return doc[span.start - 2].lower_ in PERSON_SET_OFF
    if span.start >= 1:
        prev = doc[span.start - 1]
        return prev.text.islower() and prev.lower_ in PERSON_SET_OFF
    return False


def org_apposition(span: Span) -> bool:
    """'Lumenfold, the cloud-security startup' or 'a larger rival, Helixgate,': an
    organisation noun within a few words."""
    doc = span.doc
    i = span.end
    if span.start >= 2 and doc[span.start - 1].text == "," and i < len(doc):
        before = doc[span.start - 2]
        # "a student in the department, Tobias Lund,": set off against "student", not the noun
        # just before the comma
        elsewhere = span.root.dep_ == "appos" and span.root.head.i != before.i
        if before.lower_ in ORG_SET_OFF | {"rival", "competitor", "subsidiary"} and not elsewhere:
            return doc[i].is_punct and before.text.islower()
    if span[0].ent_type_ not in NAME_ENT_TYPES:
        return False  # "filed in December, the union said"
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"the", "a", "an"}:
        return False
    for tok in doc[i + 2 : min(len(doc), i + 7)]:
        if tok.lower_ in PERSON_SET_OFF:
            return False
        if tok.lower_ in ORG_SET_OFF:
            # The organisation noun heads the phrase: not "the union's lead organizer".
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            return nxt is None or (
                nxt.text not in APOS and (nxt.is_punct or nxt.tag_ in {"VBN", "VBG", "IN"})
            )
        if tok.pos_ not in {"ADJ", "NOUN", "PROPN", "PUNCT", "NUM", "ADV"} or tok.text == ",":
            return False
    return False


def _conj_partners(span: Span) -> list[int]:
    root = span.root
    out = [c.i for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        out.append(root.head.i)
    return out


def reclassify(candidates: list[tuple[Span, Kind]]) -> list[tuple[Span, Kind]]:
    """Fix the kind of each (span, kind) candidate from its own words and its context."""
    out: list[tuple[Span, Kind]] = []
    for span, kind in candidates:
        if kind == "person" and (org_by_last_word(span) or org_apposition(span)):
            kind = "org"
        elif kind == "org" and name_like(span) and person_context(span):
            kind = "person"
        out.append((span, kind))
    by_root = {span.root.i: n for n, (span, _) in enumerate(out)}
    alone = {span.text for span, kind in out if kind == "person" and len(name_words(span)) == 1}
    fixed = list(out)
    for n, (span, kind) in enumerate(out):
        partners = [out[by_root[i]] for i in _conj_partners(span) if i in by_root]
        kinds = {k for s, k in partners if s != span}
        # A list of names mixes labels ("A, B, C and D" with B and D tagged ORG): a name-like
        # span beside a person is a person, and never turns its neighbours into organisations.
        if kind == "org" and "person" in kinds and name_like(span):
            fixed[n] = (span, "person")
        elif (
            kind == "person"
            and kinds == {"org"}
            and len(name_words(span)) >= 2
            and name_words(span)[-1] not in alone
            and not person_context(span)
            and not any(name_like(s) for s, _ in partners if s != span)
        ):
            fixed[n] = (span, "org")
    return fixed
