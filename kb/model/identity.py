"""Deterministic identity: normalised names and content-hash ids.

Ids are hashes of natural keys, so loading the same thing twice lands on the
same node or relationship and changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

# Courtesy titles a person key drops ("Dr Jane Roe" is Jane Roe); the extraction's word lists
# (loaders/extract/lexicon.py) add their abbreviations and office titles to these.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof"})
_ORG_ARTICLE = re.compile(r"^the\s+", re.I)


_POSSESSIVE = re.compile(r"[’'`]s\b")
_PUNCTUATION = re.compile(r"[^\w\s]")


@lru_cache(maxsize=65_536)  # a bulk load folds the same few names over and over
def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, squeeze spaces."""
    if not text.isascii():  # ASCII has no accents to strip
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text)
    text = _PUNCTUATION.sub(" ", text.lower())
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


# Query parameters that say how a reader arrived, never which page it is.
_TRACKING = re.compile(
    r"^(utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|smid|igshid|_ga|ref_src)$", re.I
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str:
    """The identity of a page: one key for every spelling of its URL.

    Scheme, ``www.``, case, default ports, fragments, tracking parameters and a
    trailing slash are dropped, so ``HTTPS://Host/a/?utm_source=x#top`` and
    ``https://host/a`` are one publication (a different text for it is then a
    conflict, not a second article). Kept as ``host/path?query`` so that ids made
    before this rule stay the same for plain URLs.
    """
    parts = urlsplit(url.strip())
    if not parts.netloc:  # not an absolute URL: keep the old, scheme-less form
        return re.sub(r"^https?://(www\.)?", "", url.strip(), flags=re.I).rstrip("/").lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    path = parts.path.rstrip("/")
    return (host + path + (f"?{query}" if query else "")).lower()
