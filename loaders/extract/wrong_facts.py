"""Wrong facts: extracted claims that say something false, worse than any miss.

Four kinds, each checked against a gold file:
- `reversed`: the accused recorded as accusing the accuser;
- `outlet_accuser`: an outlet or a wire credit ("AP", "Reuters") recorded as an accuser;
- `accuser_denier`: an accuser recorded as denying;
- `wrong_link`: a denial tied to one accuser's allegation that its sentence does not answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

KINDS = ("reversed", "outlet_accuser", "accuser_denier", "wrong_link")
WIRES = (
    "AP", "The Associated Press", "Associated Press", "Reuters", "AFP", "Agence France-Presse",
    "Bloomberg", "Bloomberg News", "UPI", "United Press International", "PA Media",
)

Canon = Callable[[str | None], str | None]


def _accusers(a: dict[str, Any]) -> list[str]:
    return [n for n in (a.get("accusers") or [a.get("accuser")]) if n]


def _outlets(gold: dict[str, Any], meta_outlet: str | None, canon: Canon) -> set[str | None]:
    names: list[str] = list(WIRES)
    names += gold.get("publications", []) + gold.get("publications_optional", [])
    for a in gold.get("allegations", []):
        names += a.get("reported_by") or []
    if meta_outlet:
        names.append(meta_outlet)
    return {canon(n) for n in names} - {None, ""}


def _overlaps(item: dict[str, Any], other: dict[str, Any]) -> bool:
    start, end = other.get("start"), other.get("end")
    if start is None or end is None:
        return item.get("quote", "") in other.get("quote", "")
    return int(item["start"]) < int(end) and int(start) < int(item["end"])


def _mentions(quote: str, name: str) -> bool:
    """Whether a quote names a person, by full name or by any of its words (a surname)."""
    low = quote.casefold()
    return any(len(part) > 2 and part.casefold() in low for part in name.replace(".", " ").split())


def find_wrong_facts(
    predicted: dict[str, Any], gold: dict[str, Any], canon: Canon, gold_canon: Canon
) -> list[dict[str, str]]:
    """Every wrong fact in `predicted` (claims that would become edges), with why."""
    found: list[dict[str, str]] = []
    gold_pairs = {
        (gold_canon(x), gold_canon(a.get("accused")))
        for a in gold.get("allegations", []) for x in _accusers(a)
    }
    gold_accusers = {x for x, _ in gold_pairs}
    gold_accused = {y for _, y in gold_pairs}
    gold_deniers = {gold_canon(d.get("denier")) for d in gold.get("denials", [])}
    outlets = _outlets(gold, (predicted.get("publication") or {}).get("outlet"), gold_canon)
    outlets -= gold_accusers
    for a in predicted.get("allegations", []):
        for x in _accusers(a):
            pair = (canon(x), canon(a.get("accused")))
            if pair not in gold_pairs and (pair[1], pair[0]) in gold_pairs:
                found.append({"kind": "reversed", "what": f"{x} -> {a.get('accused')}",
                              "quote": a["quote"]})
            if pair[0] in outlets or gold_canon(x) in outlets:
                found.append({"kind": "outlet_accuser", "what": f"{x} -> {a.get('accused')}",
                              "quote": a["quote"]})
    for d in predicted.get("denials", []):
        who = canon(d.get("denier"))
        if who in gold_accusers and who not in gold_deniers and who not in gold_accused:
            found.append({"kind": "accuser_denier", "what": str(d.get("denier")),
                          "quote": d["quote"]})
        by = d.get("denies_allegation_by")
        if by and _wrong_link(d, by, gold, canon, gold_canon):
            found.append({"kind": "wrong_link", "what": f"{d.get('denier')} denies {by}'s",
                          "quote": d["quote"]})
    return found


def _wrong_link(
    d: dict[str, Any], by: str, gold: dict[str, Any], canon: Canon, gold_canon: Canon
) -> bool:
    same = [g for g in gold.get("denials", [])
            if gold_canon(g.get("denier")) == canon(d.get("denier")) and _overlaps(d, g)]
    if same:
        return all(gold_canon(g.get("denies_allegation_by")) != canon(by) for g in same)
    return not _mentions(d["quote"], by)
