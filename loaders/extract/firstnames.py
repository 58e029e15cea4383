"""Given names from the US census lists shipped in the `names` package (MIT licence).

A span whose first word is a common given name is a person's name, whatever label the small
model gave it; the lists also say which names are (mostly) women's or men's."""

from __future__ import annotations

import importlib.resources
from functools import cache
from typing import Literal

Gender = Literal["female", "male"]
# A name in both lists counts for the gender it is this many times more frequent in.
DOMINANCE = 4.0


def _frequencies(filename: str) -> dict[str, float]:
    text = importlib.resources.files("names").joinpath(filename).read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].casefold()] = float(parts[1])
    return out


@cache
def _tables() -> tuple[dict[str, float], dict[str, float]]:
    return _frequencies("dist.female.first"), _frequencies("dist.male.first")


# Census "names" that are far more often calendar words or common nouns in news text.
NOT_GIVEN = {
    "january", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "sunday", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "christian", "young", "major", "will", "page", "chase",
    "grant", "love", "joy", "hope", "faith", "summer", "winter", "autumn", "king",
}  # fmt: skip


def is_given_name(word: str) -> bool:
    female, male = _tables()
    key = word.casefold()
    return key not in NOT_GIVEN and (key in female or key in male)


def gender_of(word: str) -> Gender | None:
    """'female' or 'male' when the census lists say so clearly, else None."""
    female, male = _tables()
    key = word.casefold()
    f, m = female.get(key, 0.0), male.get(key, 0.0)
    if f and (not m or f >= DOMINANCE * m):
        return "female"
    if m and (not f or m >= DOMINANCE * f):
        return "male"
    return None
