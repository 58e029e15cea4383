"""A reporter's search text as Lucene queries that cannot fail to parse.

The text is cut into words (letters and digits, with inner apostrophes); everything
else, Lucene's syntax characters included, is a separator. Words are lower-cased, so
`AND`, `OR`, `NOT` and `TO` are terms, never operators. Each full-text index in the
model says how it is queried (``match`` in schema/graph.yaml):

- ``words``: the words themselves; the index's analyzer stems or folds them;
- ``prefix``: each word of three letters or more as a prefix (``wein*``);
- ``fuzzy``: each word of five letters or more within one edit, eight or more within two.

Lucene does not analyse prefix and fuzzy terms, so those are folded here (``Zoë`` →
``zoe``), the way ``standard-folding`` folds what it indexes. A phrase of all the
words ranks the exact name first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from kb.model.graph import FulltextIndex

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
MAX_WORDS = 16  # more words add nothing to a name search; bounds the Lucene clause count
MAX_EXPANDED = 6  # words that also get prefix and fuzzy clauses (each expands to many terms)
# Letters ASCII folding maps that Unicode decomposition does not.
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                       "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
                       "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D", "\u2019": "'"})


def words(text: str) -> list[str]:
    """The searchable words of ``text``, lower-cased, at most ``MAX_WORDS``."""
    return [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text))][:MAX_WORDS]


def fold(word: str) -> str:
    """Diacritics removed: ``zoë`` → ``zoe``, ``łódź`` → ``lodz``."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def index_query(found: Sequence[str], index: FulltextIndex) -> str:
    """The Lucene query for one index; empty when there is nothing to search for."""
    if not found:
        return ""
    clauses: list[str] = []
    if "words" in index.match:
        clauses += found
        if len(found) > 1:
            clauses.append('"' + " ".join(found) + '"^4')  # the words together: the name
    folded = [fold(w) for w in found[:MAX_EXPANDED]]
    if "prefix" in index.match:  # a prefix match scores 1 whatever it is: weigh it less
        clauses += [f"{w}*^0.5" for w in folded if len(w) >= 3]
    if "fuzzy" in index.match:
        clauses += [f"{w}~{1 if len(w) < 8 else 2}" for w in folded if len(w) >= 5]
    return " ".join(clauses)
