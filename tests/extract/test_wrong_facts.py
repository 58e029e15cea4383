"""The classes of wrong fact issue 12 names, and the misses next to them, on invented sentences.

Each row: an invented text and what the graph must (or must not) get from it. A wrong fact
(reversed accuser/accused, an outlet as accuser, an accuser as denier, a denial tied to an
allegation it does not answer) is worse than a miss.
"""

from __future__ import annotations

from typing import Any

import pytest

from loaders.extract.pipeline import extract
from tests.extract.helpers import REVIEW_THRESHOLD, edge_deniers, edge_pairs

META = {"outlet": "The Harbor Gazette", "title": "t", "url": "https://example.test/a"}

# (id, text, expectations); expectation kinds:
#   pair A B / no_pair A B / denier X / no_denier X / unlinked X (its denials answer no one
#   accuser) / association A B / no_description_with WORD
CASES: list[tuple[str, str, list[tuple[str, ...]]]] = [
    (
        "accuser-denies-her-own-pay",
        "Gwen Ashby, who accused the coach Darren Pike of abuse last year, denied on Monday "
        "that she had been paid for her story. Pike has denied all the allegations.",
        [("pair", "Gwen Ashby", "Darren Pike"), ("no_denier", "Gwen Ashby"),
         ("denier", "Darren Pike")],
    ),
    (
        "accuser-denies-a-motive",
        "Corinne Blake says the mayor, Hal Dietz, pressured her to drop an ethics complaint. "
        "Blake denied that she had been paid by his rivals.",
        [("pair", "Corinne Blake", "Hal Dietz"), ("no_denier", "Corinne Blake")],
    ),
    (
        "apposition-names-the-accuser",
        "A former aide to Senator Glenn Vance, Marisol Ferrante, has accused Vance of berating "
        "and threatening her during a 2019 campaign trip. Vance denied the accusation.",
        [("pair", "Marisol Ferrante", "Glenn Vance"), ("denier", "Glenn Vance")],
    ),
    (
        "wire-dateline-is-no-accuser",
        "NEW YORK (AP) — Actress Lena Sorel has accused director Tomas Vick of sexually "
        "harassing her on the set of a 2015 film. Vick denied the allegation in a statement "
        "to The Associated Press.",
        [("pair", "Lena Sorel", "Tomas Vick"), ("no_pair", "AP", "Tomas Vick"),
         ("no_pair", "The Associated Press", "Tomas Vick")],
    ),
    (
        "wire-credit-is-no-accuser",
        "The singer Dario Pell was accused on Monday of groping a backup dancer, Reuters "
        "reported. Pell's lawyer said the claim was false.",
        [("no_pair", "Reuters", "Dario Pell")],
    ),
    (
        "told-the-wire",
        "Lena Sorel, speaking to AP, accused the director Tomas Vick of groping her. "
        "Vick denied it.",
        [("pair", "Lena Sorel", "Tomas Vick"), ("no_pair", "AP", "Tomas Vick")],
    ),
    (
        "outlets-are-carriers-not-a-description",
        "Explosive reports in The Daily Sentinel and Harbor Weekly allege that the producer "
        "Gil Mercer sexually harassed a dozen employees. Mercer has denied the allegations.",
        [("no_description_with", "Sentinel"), ("denier", "Gil Mercer")],
    ),
    (
        "blanket-denial-names-no-accuser",
        "The Riverside Workers Union accused Castell Freight of firing three organisers. "
        "Castell Freight denied the union's accusations. The company also \"strongly disputes\" "
        "the agency's findings on its safety plan.",
        [("pair", "The Riverside Workers Union", "Castell Freight"), ("unlinked_quote", "disputes"),
         ("no_denier", "The Riverside Workers Union"), ("denier", "Castell Freight")],
    ),
    (
        "co-starred-is-an-association",
        "Dana Milano co-starred in the series with Rose Martell. Milano later accused the "
        "producer, Hugo Brandt, of harassment.",
        [("association", "Dana Milano", "Rose Martell"), ("pair", "Dana Milano", "Hugo Brandt")],
    ),
    (
        "an-attorney-is-an-association",
        "Nora Pell accused the chef Ivo Lund of groping her. His attorney, Miriam Okafor-Hale, "
        "said the claim was false.",
        [("association", "Ivo Lund", "Miriam Okafor-Hale"), ("pair", "Nora Pell", "Ivo Lund")],
    ),
    (
        "named-accusers-after-a-colon",
        "Four more women have come forward with accusations against the director Omar Feld: "
        "actress Lia Ronde, stylist Bea Marsh, writer Ola Finch and model Kim Suh.",
        [("pair", n, "Omar Feld") for n in ("Lia Ronde", "Bea Marsh", "Ola Finch", "Kim Suh")],
    ),
    (
        "named-accusers-in-a-list",
        "The director Omar Feld now faces accusations from three more women: Lia Ronde, "
        "Bea Marsh and Ola Finch. Feld has denied wrongdoing.",
        [("pair", "Lia Ronde", "Omar Feld"), ("pair", "Ola Finch", "Omar Feld")],
    ),
    (
        "company-accuses-company",
        "Activist investor Peyton Capital accused Morrow Brands of misleading shareholders about "
        "its debt. Morrow Brands denied the accusation.",
        [("pair", "Peyton Capital", "Morrow Brands"), ("denier", "Morrow Brands")],
    ),
    (
        "short-seller-accuses-company",
        "Short-seller Harrow Point Capital on Tuesday accused Delmar Freight of inflating its "
        "revenue by $300 million. Delmar Freight called the report \"misleading.\"",
        [("pair", "Harrow Point Capital", "Delmar Freight"),
         ("no_pair", "Delmar Freight", "Harrow Point Capital")],
    ),
    (
        "a-short-sellers-report",
        "The short-seller Granite Hill Research said in a report on Wednesday that Solano Mining "
        "had overstated its reserves and hidden losses from investors. Solano Mining said the "
        "report was \"false and defamatory.\"",
        [("pair", "Granite Hill Research", "Solano Mining"), ("denier", "Solano Mining")],
    ),
    (
        "the-accused-is-not-the-accuser",
        "Luke Hanning's accuser, Ana Petrova, said she would testify. Hanning denies it.",
        [("no_pair", "Luke Hanning", "Ana Petrova")],
    ),
]


def _check(report: dict[str, Any], kind: str, args: tuple[str, ...]) -> bool:
    pairs, deniers = edge_pairs(report), edge_deniers(report)
    edges = [a for a in report["allegations"] if a["confidence"] >= REVIEW_THRESHOLD]
    if kind == "pair":
        return (args[0], args[1]) in pairs
    if kind == "no_pair":
        return (args[0], args[1]) not in pairs
    if kind == "denier":
        return args[0] in deniers
    if kind == "no_denier":
        return args[0] not in deniers
    if kind == "unlinked_quote":
        return all(d["denies_allegation_by"] is None for d in report["denials"]
                   if args[0] in d["quote"])
    if kind == "association":
        return any(r["kind"] == "association" and {r["a"], r["b"]} == set(args)
                   for r in report["relations"])
    if kind == "no_description_with":
        return all(args[0] not in (a["accuser_description"] or "") for a in edges)
    raise AssertionError(f"unknown expectation {kind}")


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_no_wrong_facts_and_the_named_parties(text: str, expected: list[tuple[str, ...]]) -> None:
    report = extract(text, META)
    failed = [e for e in expected if not _check(report, e[0], e[1:])]
    assert not failed, (failed, report["allegations"], report["denials"], report["relations"])
