"""Entity rules (people and organisations) on tiny texts written for each rule."""

from __future__ import annotations

from spacy.tokens import Span

from loaders.extract.layout import analyse
from loaders.extract.nlp import get_nlp
from loaders.extract.orgnames import clean_org, mislabelled_person, not_an_org, titled_person
from loaders.extract.personnames import first_and_last
from loaders.extract.pipeline import extract


def _people(text: str) -> list[str]:
    return [p["name"] for p in extract(text)["people"]]


def _orgs(text: str) -> list[str]:
    return [o["name"] for o in extract(text)["organisations"]]


def test_capitalised_job_title_is_not_part_of_the_name() -> None:
    people = _people(
        "Treasurer Annette L. Marchbanks has denied the claims. Marchbanks said they were false."
    )
    assert people == ["Annette L. Marchbanks"]


def test_hyphenated_surname_alone_links_to_the_full_name() -> None:
    people = _people(
        "Budget analyst Ramón Ybarra-Lentz spoke on the record.\n\n"
        "Ybarra-Lentz said he was asked to draft talking points."
    )
    assert people == ["Ramón Ybarra-Lentz"]


def test_nickname_and_middle_initial_are_one_person() -> None:
    people = _people(
        "The regulator sued Thomas R. Whitcombe on Tuesday.\n\n"
        "Tom Whitcombe, as colleagues call him, did not respond."
    )
    assert len(people) == 1 and people[0] == "Thomas R. Whitcombe"


def test_first_and_last_uses_full_first_names() -> None:
    assert first_and_last("Tom Whitcombe") == first_and_last("Thomas R. Whitcombe")


def test_name_ending_in_an_organisation_word_is_an_organisation() -> None:
    text = (
        "Tidewater FC suspended head coach Marcus Delacroix on Thursday. "
        "Tidewater FC said the club would cooperate."
    )
    assert "Tidewater FC" in _orgs(text)
    assert "Tidewater FC" not in _people(text)


def test_one_word_name_set_off_against_an_organisation_noun_is_an_organisation() -> None:
    text = (
        "More than 200 employees of Lumenfold, the cloud-security startup valued at $4 "
        "billion, signed a letter.\n\nIn a statement, Lumenfold said every concern was reviewed."
    )
    assert "Lumenfold" in _orgs(text)
    assert "Lumenfold" not in _people(text)


def test_surname_tagged_alone_gets_its_missed_first_name() -> None:
    text = (
        "Priya Raithatha, an official at the broadcasting union, said the union had received "
        "calls.\n\n'People need to know,' Ms Raithatha said."
    )
    assert "Priya Raithatha" in _people(text)


def test_org_span_is_cut_at_a_comma_and_after_a_possessive() -> None:
    doc = get_nlp()("Ledgerwire, Fairweather and Wexcombe's Office of Equity met.")
    assert clean_org(doc[0:3]).text == "Ledgerwire"
    assert clean_org(doc[4:9]).text == "Office of Equity"


def test_job_title_acronym_and_place_are_not_organisations() -> None:
    doc = get_nlp()("The CFO walked along Larch River and the Fallsburg residents met.")
    assert clean_org(doc[1:2]) is None
    assert clean_org(doc[4:6]) is None
    assert clean_org(doc[8:10]).text == "Fallsburg"  # lower-case tail dropped


def test_reporting_line_opening_with_more_is_not_noise() -> None:
    text = "More than 200 current and former employees of Lumenfold have signed an open letter."
    assert analyse(text).noise == []


def test_related_links_block_and_photo_credit_are_noise() -> None:
    text = (
        "The shelter on Route 9 in Fallsburg. (Photo: Carl Benning/KBVT)\n\n"
        "The director said it was fine.\n\n"
        "Related Stories:\nShelter hits record adoption numbers\nCouncil approves new dog park"
    )
    layout = analyse(text)
    noise = [text[s:e] for s, e in layout.noise]
    assert "(Photo: Carl Benning/KBVT)" in noise
    assert "Shelter hits record adoption numbers" in noise
    assert "Council approves new dog park" in noise
    assert not any("director" in n for n in noise)


def test_reporting_credit_in_brackets_is_noise() -> None:
    text = "He denied it.\n\n(Reporting by Amara Lindqvist in New York; Editing by Colm Fairley)"
    assert len(analyse(text).noise) == 1


def test_sentence_opening_common_noun_is_not_an_organisation() -> None:
    doc = get_nlp()("Guest conductors will lead the remaining concerts.")
    assert not_an_org(doc[0:1])


def test_name_after_a_job_title_is_a_person() -> None:
    doc = get_nlp()("Sales rose, chief executive Lorraine Petrakis said on Tuesday.")
    start = next(t.i for t in doc if t.text == "Lorraine")
    assert titled_person(doc[start : start + 2])


def test_place_label_on_a_name_whose_surname_is_a_person_is_a_person() -> None:
    doc = get_nlp()("The woman, Renata Oyelaran, 31, sued. Oyelaran said she was fired.")
    start = next(t.i for t in doc if t.text == "Renata")
    span = Span(doc, start, start + 2, label="GPE")
    assert mislabelled_person(span, {"Oyelaran"})
    assert not mislabelled_person(span, {"Someone"})
