"""One construction per test, on small texts written for it (names are invented)."""

from __future__ import annotations

from typing import Any

from loaders.extract import extract
from tests.extract.helpers import edge_deniers, edge_pairs


def _orgs(report: dict[str, Any]) -> set[str]:
    names = set()
    for o in report["organisations"]:
        names |= {o["name"], *o["aliases"]}
    return names


def test_capitalised_name_ending_in_an_organisation_word_is_an_organisation() -> None:
    report = extract(
        "The Northside Tenants Union accuses Harrow Estates of using sham eviction notices "
        "to force out long-term tenants."
    )
    assert any("Northside Tenants Union" in n for n in _orgs(report))
    assert any(p[0] and "Northside Tenants Union" in p[0] for p in edge_pairs(report))


def test_name_after_an_organisation_noun_is_an_organisation() -> None:
    report = extract(
        "Priya Dunmore worked at the lending startup Brindlewick for two years. "
        "She later joined the law firm Ashcombe Whitley as a paralegal."
    )
    orgs = _orgs(report)
    assert "Brindlewick" in orgs
    assert "Ashcombe Whitley" in orgs
    assert "Ashcombe Whitley" not in {p["name"] for p in report["people"]}


def test_through_his_lawyer_the_client_is_the_denier_and_the_lawyer_is_via() -> None:
    report = extract(
        "A former violinist has accused Osric Vandermeer of sexually harassing her on tour. "
        "Through his lawyer, Petra Lindqvist, Vandermeer rejected the accusations."
    )
    denials = [d for d in report["denials"] if d["confidence"] >= 0.6]
    assert {d["denier"] for d in denials} == {"Osric Vandermeer"}
    assert denials[0]["via"] == "Petra Lindqvist"
    assert denials[0]["via_role"] == "lawyer"


def test_named_spokesperson_is_reported_as_via() -> None:
    report = extract(
        "Two former dealers say Raymond Kessel groped them at private parties. "
        "A spokeswoman for Kessel, Abigail Strand, said the allegations were false."
    )
    denial = next(d for d in report["denials"] if d["denier"] == "Raymond Kessel")
    assert denial["via"] == "Abigail Strand"
    assert denial["via_role"] == "spokeswoman"


def test_mocking_quoted_charge_is_only_a_review_candidate() -> None:
    report = extract(
        "At the auction, Tobias Renwick accused the top bidder, developer Imelda Sorensen, "
        "of \u201ctrying to buy the whole harbor\u201d after she won a sailboat."
    )
    assert edge_pairs(report) == set()
    assert all(a["confidence"] < 0.6 for a in report["allegations"])


def test_that_clause_hung_on_a_noun_still_carries_the_allegation() -> None:
    report = extract(
        "Celia Montrose, a former meteorologist at the station, alleged in a post on social "
        "media that Dorian Falk had groped her at a holiday party in 2013."
    )
    assert ("Celia Montrose", "Dorian Falk") in edge_pairs(report)


def test_complained_that_with_a_wrongdoing_clause_is_an_allegation() -> None:
    report = extract(
        "Dorian Falk anchored the evening news for a decade. Two former producers complained "
        "to the station's management last fall that Falk had made sexually explicit jokes."
    )
    assert (None, "Dorian Falk") in edge_pairs(report)


def test_unnamed_accuser_named_as_the_next_speaker() -> None:
    report = extract(
        "A former staff writer has accused the show's creator and showrunner, Elliot Marsh, "
        "of sexually harassing her during the second season.\n\n"
        "Priya Dunmore, who wrote for the series from 2018 to 2019, said in the complaint "
        "that Marsh repeatedly asked her to work at his home late at night."
    )
    assert ("Priya Dunmore", "Elliot Marsh") in edge_pairs(report)


def test_lawsuit_accusing_someone_names_its_filer_as_accuser() -> None:
    report = extract(
        "Wendy Halvorsen filed a lawsuit on Tuesday accusing Garrick Thorne of sexually "
        "harassing her for three years."
    )
    assert ("Wendy Halvorsen", "Garrick Thorne") in edge_pairs(report)


def test_the_report_restating_a_named_accusers_claim_is_not_a_new_accuser() -> None:
    report = extract(
        "The Harbor Renters Union accuses Keel Properties of forcing tenants out with sham "
        "renovation notices. The 40-page report alleges that Keel Properties filed eviction "
        "cases against tenants who had paid their rent."
    )
    assert all(a["accuser"] is not None or a.get("accusers") for a in report["allegations"])


def test_no_record_of_is_an_implicit_denial_by_the_accused() -> None:
    report = extract(
        "Ada Brightwater accused Hollis Crane of embezzling money from the charity. "
        "Crane said he had no knowledge of any missing money."
    )
    denials = [d for d in report["denials"] if d["denier"] == "Hollis Crane"]
    assert denials and denials[0]["kind"] == "implicit"


def test_no_record_from_a_bystander_is_not_an_edge() -> None:
    report = extract(
        "Ada Brightwater accused Hollis Crane of embezzling money from the charity. "
        "The treasurer, Mona Ilves, said she had no record of any such transfer."
    )
    assert "Mona Ilves" not in edge_deniers(report)


def test_two_named_accusers_before_say_are_both_accusers() -> None:
    report = extract(
        "Former cocktail waitresses Lena Marsh and Dolores Quintero say Raymond Kessel, the "
        "billionaire owner of the casino, groped them during private parties."
    )
    pairs = edge_pairs(report)
    assert ("Lena Marsh", "Raymond Kessel") in pairs
    assert ("Dolores Quintero", "Raymond Kessel") in pairs


def test_pronoun_in_a_lawyers_reported_speech_is_the_client() -> None:
    report = extract(
        "A former engineer, Maria Santos, said Doug Preston groped her in 2021. "
        "His lawyer, Ann Li, said he denies the allegations."
    )
    denials = [d for d in report["denials"] if d["confidence"] >= 0.6]
    assert [(d["denier"], d["via"], d["via_role"]) for d in denials] == [
        ("Doug Preston", "Ann Li", "lawyer")
    ]


def test_first_person_rejection_of_the_claims_in_a_quote_is_a_denial() -> None:
    report = extract(
        "A former engineer, Maria Santos, said Doug Preston groped her in 2021.\n\n"
        '"We reject these claims and will defend ourselves vigorously," Preston said.'
    )
    assert "Doug Preston" in edge_deniers(report)


def test_role_named_later_is_the_accused() -> None:
    report = extract(
        "Maria Lopez alleged that the governor's press secretary had threatened her after a "
        "briefing.\n\nThe press secretary, Paul Dorn, said he did not recall the exchange."
    )
    assert ("Maria Lopez", "Paul Dorn") in edge_pairs(report)


def test_name_just_before_a_detached_alleged_is_the_accuser() -> None:
    report = extract(
        "The two council members made the claims Tuesday at a news conference outside City "
        "Hall, a day after a local contractor, Henrik Solberg, alleged that Mayor Desmond "
        "Achterberg had asked him for a bribe in exchange for speeding up a permit."
    )
    pairs = edge_pairs(report)
    assert ("Henrik Solberg", "Desmond Achterberg") in pairs
    assert all(p[0] is not None for p in pairs)


def test_named_persons_allegation_that_someone_did_wrong() -> None:
    report = extract(
        "Maria Lopez's allegation that Daniel Kramer groped her at a party was reported by "
        "the paper on Monday."
    )
    assert ("Maria Lopez", "Daniel Kramer") in edge_pairs(report)


def test_claim_that_names_no_wrongdoing_is_not_an_allegation() -> None:
    report = extract(
        "Daniel Kramer's claim that Maria Lopez was late was repeated on Monday. "
        "Maria Lopez's claims that the weather was bad were true."
    )
    assert report["allegations"] == []


def test_lawyer_calling_the_lawsuit_without_merit_denies_for_the_client() -> None:
    report = extract(
        "Maria Lopez accused Daniel Kramer of sexual harassment in a lawsuit filed Monday. "
        "Kramer's attorney said the lawsuit was without merit."
    )
    denial = next(d for d in report["denials"] if d["denier"] == "Daniel Kramer")
    assert denial["confidence"] >= 0.6
    assert denial["via"] is None and denial["via_role"] == "attorney"
