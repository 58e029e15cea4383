"""The one vocabulary of allegation categories, for curated reports and the extractor alike.

Categories take part in an allegation's identity (who, against whom, of what), so the same
accusation from a curated report and from an article must get the same categories to land
on one node. A category is read from the allegation's own words: its summary first, then
its quoted sentence only when the summary names no category, never the article's topic.
"""

from __future__ import annotations

import re
from functools import cache

OTHER = "other"

# name -> stems matched at the start of a word (a stem with a space matches a phrase).
VOCABULARY: dict[str, tuple[str, ...]] = {
    "sexual misconduct": (
        "rape", "raping", "raped", "rapist", "sexual", "sexually", "sex ", "sex life", "grope",
        "groped", "groping", "fondl", "molest", "masturbat", "non-consensual", "nonconsensual",
        "harass", "kiss", "indecent", "lewd", "exposed himself", "exposed herself",
        "unwanted advances", "explicit photos", "explicit messages", "lingerie", "her breast",
        "her thigh", "up her dress", "down her jeans", "inside my robe", "pelvic",
        "touched her inappropriately", "touched them inappropriately",
        "touched him inappropriately",
        "without her consent", "without their consent", "without consent", "proposition",
        "on her body", "about her body", "her body in", "topless", "his crotch", "her waistband",
        "touching him inappropriately", "touching her inappropriately",
    ),
    "assault": (
        "assault", "attack", "punch", "beat", "chok", "strangl", "violen", "hit her", "hit him",
        "hit me", "battery", "grabbed her by the neck", "threw a", "thrown a",
    ),
    "abuse": (
        "abuse", "abusing", "abusive", "bully", "bullied", "bullying", "intimidat", "threat",
        "mistreat", "humiliat", "screamed at", "screaming at", "shouted at",
        "shouting at", "berat", "demeaning", "belittl", "throwing objects",
        "struck him", "struck her",
    ),
    "fraud": (
        "fraud", "defraud", "embezzl", "mislead", "misled", "inflat", "falsif", "forged",
        "forgery", "ponzi", "scheme", "accounting", "misappropriat", "launder", "siphon",
        "divert", "cheat", "deceiv", "deception", "overcharg", "conceal", "fake invoice",
        "sham", "manufacturing growth", "booked at least", "overstat", "hid losses",
        "hidden losses", "hiding losses",
    ),
    "corruption": ("brib", "kickback", "corrupt", "graft", "in exchange for"),
    "discrimination": (
        "discriminat", "racis", "racial", "sexis", "retaliat", "paid her less", "paid them less",
        "less than two male", "less than male",
    ),
    "theft": ("steal", "stole", "theft", "withheld more than", "stolen property"),
    "wage violations": (
        "unpaid wage", "underpa", "wage theft", "unpaid overtime", "withheld wages",
        "withheld pay", "withholding her wages", "withholding their wages",
        "withholding his wages", "minimum wage", "overtime records",
    ),
}

# Inside "sexual assault" or "sexually abusing" the second word is no category of its own.
_SEXUAL_PHRASE = re.compile(r"\bsexual(?:ly)?\s+(?:assault\w*|abus\w*|attack\w*|violen\w*)")


@cache
def _pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + ")")


def _match(text: str) -> list[str]:
    low = " ".join(text.lower().split()) + " "
    found = []
    if _pattern(VOCABULARY["sexual misconduct"]).search(low):
        found.append("sexual misconduct")
        low = _SEXUAL_PHRASE.sub(" ", low)
    for name, stems in VOCABULARY.items():
        if name != "sexual misconduct" and _pattern(stems).search(low):
            found.append(name)
    return found


def categorise(summary: str | None, sentence: str | None = None) -> list[str]:
    """The categories of one allegation: from its summary, else from its own sentence.

    Never from the surrounding article: an underpayment claim in a story about harassment
    is a wage claim."""
    for text in (summary, sentence):
        if text:
            found = _match(text)
            if found:
                return sorted(found)
    return [OTHER]


def infer_categories(*texts: str | None) -> list[str]:
    """The categories a report that gives none gets: summary first, then the quote."""
    summary = texts[0] if texts else None
    rest = " ".join(t for t in texts[1:] if t) or None
    return categorise(summary, rest)


def normalise_categories(categories: list[str]) -> list[str]:
    return sorted({" ".join(c.lower().replace("_", " ").split()) for c in categories if c.strip()})
