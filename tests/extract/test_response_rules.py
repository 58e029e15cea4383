"""Denial and response rules, one construction per test, on small invented texts."""

from __future__ import annotations

from typing import Any

from loaders.extract import extract
from tests.extract.helpers import edge_deniers

BASE = (
    "Former employees accused Ronald Pexley, the chief executive of Tarnwell Logistics, of "
    "harassing junior staff. "
)


def _responses(report: dict[str, Any], min_conf: float = 0.6) -> set[tuple[str, str]]:
    return {(r["responder"], r["type"]) for r in report["responses"] if r["confidence"] >= min_conf}


def _check_quotes(report: dict[str, Any]) -> None:
    text = report["publication"]["text"]
    for item in report["denials"] + report["responses"]:
        assert text[item["start"] : item["end"]] == item["quote"]


def test_denied_the_allegations() -> None:
    report = extract(BASE + "Pexley denied the allegations on Tuesday.")
    assert edge_deniers(report) == {"Ronald Pexley"}
    _check_quotes(report)


def test_denied_a_permit_is_not_a_denial() -> None:
    report = extract("The city of Marlow denied a permit for the Halvorsen Arena expansion.")
    assert edge_deniers(report, 0.0) == set()


def test_denied_insurance_claims_is_not_a_denial() -> None:
    report = extract(
        "Gorsedd Mutual denied the insurance claims of 300 homeowners after the flood, a "
        "spokeswoman for the insurer said."
    )
    assert edge_deniers(report) == set()


def test_without_admitting_or_denying_is_no_comment_not_denial() -> None:
    report = extract(
        BASE + "Pexley agreed to pay a $40,000 fine without admitting or denying the claims."
    )
    assert "Ronald Pexley" not in edge_deniers(report)
    assert ("Ronald Pexley", "no_comment") in _responses(report)


def test_company_disagrees_with_the_characterization() -> None:
    report = extract(
        "Engineers at Brimlow Systems accused the company of ignoring complaints. In a "
        'statement, Brimlow Systems said that it "strongly disagrees with the '
        'characterization" of its processes.'
    )
    assert "Brimlow Systems" in edge_deniers(report)


def test_called_the_report_a_reckless_attempt() -> None:
    report = extract(
        "A short seller accused Quenby Health of inflating revenue. Quenby Health called the "
        'report "a reckless attempt to drive down our share price."'
    )
    assert "Quenby Health" in edge_deniers(report)


def test_called_the_allegations_serious_is_not_a_denial() -> None:
    report = extract(BASE + "The board chair, Amelia Strout, called the allegations serious.")
    assert "Amelia Strout" not in edge_deniers(report)


def test_did_not_say_whether_it_would_contest_is_not_a_denial() -> None:
    report = extract(
        "Regulators accused Fenwick Grain of fraud. Fenwick Grain did not say whether it "
        "would contest the complaint."
    )
    assert edge_deniers(report) == set()


def test_lawyer_says_the_professor_denies() -> None:
    report = extract(
        "Students accused Professor Alden Marsh of harassment. His lawyer, Petra Quill, said "
        'the professor "denies every allegation of harassment."'
    )
    denial = next(d for d in report["denials"] if d["denier"] == "Alden Marsh")
    assert denial["via"] == "Petra Quill"


def test_quoted_never_through_an_agent() -> None:
    report = extract(
        "Two players accused coach Marco Vell of abuse. "
        '"He has never abused anyone," his agent, Ines Dahl, said.'
    )
    assert "Marco Vell" in edge_deniers(report)


def test_first_person_never_after_an_apology() -> None:
    report = extract(
        BASE + '"I have never harassed anyone, and I never would," Pexley said on Monday.'
    )
    assert "Ronald Pexley" in edge_deniers(report)
    _check_quotes(report)


def test_bystander_never_is_not_a_denial() -> None:
    report = extract(BASE + '"I never heard back from anyone," said Dana Ruiz, a former clerk.')
    assert "Dana Ruiz" not in edge_deniers(report)


def test_bystander_no_comment_is_a_review_candidate() -> None:
    report = extract(BASE + "Tarnwell's largest investor, Holloway Capital, declined to comment.")
    assert ("Holloway Capital", "no_comment") not in _responses(report)


def test_representatives_of_accused_did_not_return_request() -> None:
    report = extract(
        "Two players accused Jared Koss of abuse in a lawsuit. Koss's representatives did not "
        "immediately return a request for comment."
    )
    assert ("Jared Koss", "no_comment") in _responses(report)


def test_not_sorry_is_not_an_apology() -> None:
    report = extract(BASE + '"I\'m not sorry I signed it," said Dana Ruiz, a former clerk.')
    assert all(r["type"] != "apology" for r in report["responses"])


def test_company_spokesman_speaks_for_the_company() -> None:
    report = extract(
        "Workers accused Harlow Freight of firing them for organising. Harlow Freight denied "
        'the accusations. "These employees were let go for documented safety violations that '
        'had nothing to do with any petition," company spokesman Derek Sallow said.'
    )
    assert "Derek Sallow" not in edge_deniers(report)
    assert "Harlow Freight" in edge_deniers(report)
