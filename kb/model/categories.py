"""A small vocabulary of allegation categories, inferred when a report gives none.

Categories take part in an allegation's identity (who, against whom, of what),
so two reports of the same accusation land on one node.
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sexual misconduct", (
        "rape", "raping", "raped", "sexual", "sexually", "harass", "grope", "groped", "groping",
        "assault", "molest", "fondl", "non-consensual", "nonconsensual", "lewd", "indecent",
        "misconduct", "advances", "exposed himself", "kissed",
    )),
    ("fraud", ("fraud", "embezzl", "misappropriat", "ponzi", "inflated", "cooked the books",
               "misled investors", "accounting", "defraud", "scam", "laundering")),
    ("corruption", ("brib", "kickback", "corrupt", "graft", "bribe")),
    ("abuse", ("abuse", "abusive", "bully", "bullied", "intimidat", "threaten", "verbal")),
    ("discrimination", ("discriminat", "racist", "racial", "sexist", "retaliat")),
    ("violence", ("punch", "hit her", "hit him", "struck", "violence", "violent", "battery")),
)


# One pattern per category: any of its stems at the start of a word.
_PATTERNS = tuple((name, re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + ")"))
                  for name, stems in _RULES)


def infer_categories(*texts: str | None) -> list[str]:
    blob = " ".join(t for t in texts if t).lower()
    found = [name for name, pattern in _PATTERNS if pattern.search(blob)]
    return found or ["other"]


def normalise_categories(categories: list[str]) -> list[str]:
    return sorted({" ".join(c.lower().replace("_", " ").split()) for c in categories if c.strip()})
