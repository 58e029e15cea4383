"""Allegation rules, one construction per test, on small invented texts."""

from __future__ import annotations

from typing import Any

from loaders.extract import extract
from tests.extract.helpers import edge_pairs


def _has(pairs: set[tuple[str | None, str]], accuser: str | None, accused: str) -> bool:
    """Names match by containment ('The X Union' for 'X Union'); None only matches None."""
    return any(
        (a is None if accuser is None else a is not None and accuser in a) and accused in b
        for a, b in pairs
    )


def _check_quotes(report: dict[str, Any]) -> None:
    text = report["publication"]["text"]
    for a in report["allegations"]:
        assert text[a["start"] : a["end"]] == a["quote"]
        assert a["accused"] not in (a.get("accusers") or [a["accuser"]])


def test_the_union_resolves_to_the_named_union() -> None:
    report = extract(
        "The Harbor Freight Workers Union filed charges on Monday. Separately, the union "
        "accused a Dockside Storage manager, Kevin Tallis, of threatening workers who "
        "signed the petition."
    )
    assert _has(edge_pairs(report), "Harbor Freight Workers Union", "Kevin Tallis")
    _check_quotes(report)


def test_indefinite_organisation_accuser_named_later() -> None:
    report = extract(
        "A union representing bus drivers on Friday accused Marlow Transit of illegally firing "
        "four drivers. The Coastal Drivers Union said the firings came a week after a vote."
    )
    assert _has(edge_pairs(report), "Coastal Drivers Union", "Marlow Transit")


def test_sued_two_defendants_accusing_them() -> None:
    report = extract(
        "The Federal Trade Board on Tuesday sued Pellwood Foods Inc and its former chief "
        "executive, Arthur J. Penrose, accusing them of inflating sales by $40 million."
    )
    pairs = edge_pairs(report)
    accused = {b for _, b in pairs}
    assert any("Pellwood" in b for b in accused)
    assert "Arthur J. Penrose" in accused


def test_subordinate_clause_subject_after_a_misparse() -> None:
    report = extract(
        "Redwood City FC suspended head coach Paul Ostrander on Friday, hours after two of the "
        "club's senior players accused him of verbally abusing members of the squad. "
        "Defender Maya Lindqvist and striker Joanna Brandt made the allegations in a joint "
        "statement."
    )
    pairs = edge_pairs(report)
    assert ("Maya Lindqvist", "Paul Ostrander") in pairs
    assert ("Joanna Brandt", "Paul Ostrander") in pairs
    assert not any(b == "Redwood City FC" for _, b in pairs)


def test_faces_accusations_from() -> None:
    report = extract(
        "The city's parks commissioner, Rosalind T. Achebe, faces accusations from three "
        "former aides who say she pressured them to work on her campaign."
    )
    assert _has(edge_pairs(report), None, "Rosalind T. Achebe")


def test_document_claims_that_with_unnamed_plaintiffs() -> None:
    report = extract(
        "Two former models sued Victor Crane and Summit Talent Group on Monday. The suit also "
        "claims that Summit Talent Group knew of earlier complaints about the photographer."
    )
    pairs = edge_pairs(report)
    assert (None, "Summit Talent Group") in pairs
    assert not any(a == "Victor Crane" for a, _ in pairs)


def test_according_to_the_complaint_names_the_filer() -> None:
    report = extract(
        "The Securities Board on Monday sued Orbis Medical and its chief executive, Helen "
        "Marsh. According to the complaint, Marsh told the auditors that the contracts were "
        "still active."
    )
    assert any(a and "Securities Board" in a and b == "Helen Marsh" for a, b in edge_pairs(report))


def test_possessive_claims_that_pronoun() -> None:
    report = extract(
        "The Securities Board sued Orbis Medical on Monday. A former controller, Dennis "
        "Aldo, agreed to settle the board's claims that he concealed the losses."
    )
    assert any(a and "Securities Board" in a and b == "Dennis Aldo" for a, b in edge_pairs(report))


def test_filed_a_complaint_saying() -> None:
    report = extract(
        "Nora Pell runs the county animal shelter. In 2019, a former kennel worker filed a "
        "complaint with the county's human resources office saying Pell had falsified intake "
        "records."
    )
    assert _has(edge_pairs(report), None, "Nora Pell")


def test_reported_someone_to_hr_for() -> None:
    report = extract(
        "Marcus Oyelaran leads engineering at Tessel. The letter says at least six employees "
        "reported Oyelaran to the company's human resources team for demeaning comments."
    )
    assert _has(edge_pairs(report), None, "Marcus Oyelaran")


def test_anonymous_one_said_hostile_act_with_victim() -> None:
    report = extract(
        "Four former students accused Professor Alan Whitby of bullying them. "
        "One said Whitby had screamed at her for losing a sample bag."
    )
    assert _has(edge_pairs(report), None, "Alan Whitby")


def test_weak_account_is_a_candidate_until_corroborated() -> None:
    alone = extract("Sofia Reyes said Daniel Kerr took credit for a model she built.")
    assert not _has(edge_pairs(alone), "Sofia Reyes", "Daniel Kerr")
    assert _has(edge_pairs(alone, 0.0), "Sofia Reyes", "Daniel Kerr")
    corroborated = extract(
        "Three researchers accused Daniel Kerr of harassment. Sofia Reyes said Kerr took "
        "credit for a model she built."
    )
    assert _has(edge_pairs(corroborated), "Sofia Reyes", "Daniel Kerr")


def test_negated_and_hypothetical_accounts_are_not_allegations() -> None:
    report = extract(
        "Three researchers accused Daniel Kerr of harassment. Tomas Lind said Kerr could be "
        "blunt but had never mistreated him. Rita Vale said that if Kerr had screamed at "
        "anyone, she would have known."
    )
    accusers = {a for a, _ in edge_pairs(report, 0.0)}
    assert "Tomas Lind" not in accusers
    assert "Rita Vale" not in accusers


def test_representative_is_not_an_accuser() -> None:
    report = extract(
        "Three researchers accused Daniel Kerr of harassment. Kerr's lawyer, Peter Hale, said "
        "the university had ignored its own rules."
    )
    assert not any(a == "Peter Hale" for a, _ in edge_pairs(report, 0.0))
