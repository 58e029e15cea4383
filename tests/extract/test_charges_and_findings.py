"""Recall rules for charges, findings, positive tests, passive sources (invented texts)."""

from __future__ import annotations

from loaders.extract import extract
from tests.extract.helpers import edge_pairs


def _pairs(text: str) -> set[tuple[str | None, str]]:
    return edge_pairs(extract(text))


def test_charged_with_names_the_prosecuting_office() -> None:
    pairs = _pairs(
        "The Harlan County District Attorney's Office said Rick Dunn was charged with bribery."
    )
    assert ("The Harlan County District Attorney's Office", "Rick Dunn") in pairs


def test_charged_in_a_question_is_not_an_allegation() -> None:
    assert not _pairs("Was Rick Dunn charged with bribery by the Harlan County prosecutors?")


def test_inquiry_found_that() -> None:
    pairs = _pairs("The Hollis Commission found that Albert Crane misused public funds.")
    assert ("The Hollis Commission", "Albert Crane") in pairs


def test_tested_positive_names_the_agency() -> None:
    pairs = _pairs(
        "Sprinter Lena Okafor tested positive for a banned steroid, the World Anti-Doping "
        "Agency said."
    )
    assert any(a == "World Anti-Doping Agency" and "Okafor" in b for a, b in pairs)


def test_passive_accused_with_according_to_source() -> None:
    pairs = _pairs(
        "Dan Holt is accused of embezzling $2 million from the charity, according to a "
        "complaint filed by Ellen Marsh."
    )
    assert ("Ellen Marsh", "Dan Holt") in pairs


def test_countersuit_owner_accuses() -> None:
    assert ("Alan Price", "Rita Vogel") in _pairs(
        "Alan Price's countersuit alleges that Rita Vogel falsified invoices."
    )


def test_allegedly_in_reported_speech_is_firm() -> None:
    assert ("Laura Kim", "Kevin Brandt") in _pairs(
        "Kevin Brandt allegedly falsified safety records at the plant, Laura Kim said."
    )


def test_lawyer_named_in_apposition_is_not_an_accuser() -> None:
    assert not _pairs("Hale's lawyer, Ben Ross, said Maria Delgado had harassed Hale.")


def test_misconduct_noun_owner_is_accused() -> None:
    assert ("Maria Delgado", "Tom Hale") in _pairs(
        "Maria Delgado said that Tom Hale's harassment began in 2019."
    )
