"""Deterministic identity: normalised names and content-hash ids.

Ids are hashes of natural keys, so loading the same thing twice lands on the
same node or relationship and changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Courtesy titles a person key drops ("Dr Jane Roe" is Jane Roe); the extraction's word lists
# (loaders/extract/lexicon.py) add their abbreviations and office titles to these.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof"})
_ORG_ARTICLE = re.compile(r"^the\s+", re.I)


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, squeeze spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[’'`]s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


def person_key(name: str) -> str:
    tokens = fold(name).split()
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        tokens = tokens[1:]
    return " ".join(tokens)


def org_key(name: str) -> str:
    return fold(_ORG_ARTICLE.sub("", name.strip()))


def mention_key(name: str) -> str:
    """A name as an article writes it, compared loosely (extraction): no trailing possessive,
    no leading 'the', spaces squeezed, case folded, outer dots and commas trimmed.

    Unlike ``person_key``/``org_key`` it keeps accents and inner punctuation: it compares
    mentions within texts; it never makes an id.
    """
    name = re.sub(r"[’']s$", "", name.strip())
    name = _ORG_ARTICLE.sub("", name)
    return re.sub(r"\s+", " ", name).casefold().strip(" .,")


def bare_mention_key(name: str) -> str:
    """``mention_key`` without any punctuation ('J.K. Rowling' and 'JK Rowling' agree):
    how names are matched against gold files."""
    return re.sub(r"[^\w ]+", "", mention_key(name)).strip()


def name_key(label: str, name: str) -> str:
    return person_key(name) if label == "Person" else org_key(name)


def surname_key(label: str, name: str) -> str | None:
    """The last token of a person's name, for linking bare surnames."""
    if label != "Person":
        return None
    tokens = person_key(name).split()
    return tokens[-1] if tokens else None


def digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode()).hexdigest()[:20]


def make_id(prefix: str, *parts: object) -> str:
    return f"{prefix}_{digest(*parts)}"


# The prefix of the ids of each label (entities: the label's first three letters).
ID_PREFIXES = {"per": "Person", "org": "Organisation", "alg": "Allegation", "rsp": "Response",
               "pub": "Publication", "cit": "Citation", "rel": "relationship"}


def label_of_id(db_id: str) -> str | None:
    """The label an id was made for, from its prefix; None for anything else."""
    prefix, sep, rest = db_id.partition("_")
    return ID_PREFIXES.get(prefix) if sep and re.fullmatch(r"[0-9a-f]+", rest) else None


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_url(url: str) -> str:
    url = url.strip()
    url = re.sub(r"^https?://(www\.)?", "", url, flags=re.I)
    return url.rstrip("/").lower()
