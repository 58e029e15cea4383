"""How news stories tell an accusation, one sentence at a time (names are invented).

Each case is a short text and the exact set of (accuser, accused) pairs that should become
edges (confidence at or above the 0.6 review threshold); an empty set means no accusation
may be extracted at all. The cases come from the shapes seen in wire, network and trade
reporting: accounts told to an outlet, reported speech, groups with named members,
charges, and the look-alikes that must not count.
"""

from __future__ import annotations

from typing import Any

import pytest

from loaders.extract import extract
from tests.extract.helpers import Pairs, edge_deniers, edge_pairs

CTX = "Director John Doe has faced mounting scrutiny this month. "


def _pairs(text: str) -> Pairs:
    return edge_pairs(extract(text, {"outlet": "Daily Ledger"}))


ACCOUNTS: list[tuple[str, Pairs]] = [
    (
        "Model Kate Upton has accused Guess co-founder Paul Marciano of sexual harassment.",
        {("Kate Upton", "Paul Marciano")},
    ),
    (
        "Model Ella Price said photographer Terry Rich coerced her into sexual acts during a "
        "2010 shoot.",
        {("Ella Price", "Terry Rich")},
    ),
    (
        "Pastry chef Ines Goldberg, one of two former employees who spoke on the record, told "
        "the newsletter that chef Theo Marsh grabbed her from behind and kissed her neck.",
        {("Ines Goldberg", "Theo Marsh")},
    ),
    (
        "Jane Ortiz is among more than 60 women who have accused Victor Lane of sexual assault.",
        {("Jane Ortiz", "Victor Lane")},
    ),
    (
        "Mia Torres became the first woman to publicly accuse the late-night host, Dave "
        "Rhodes, of harassment.",
        {("Mia Torres", "Dave Rhodes")},
    ),
    (
        "Rosa Kent has spoken publicly about being raped by the producer Alan Gray.",
        {("Rosa Kent", "Alan Gray")},
    ),
    (
        "The accusations come from at least eight women, including actress Paula Ray, who said "
        "that Alan Gray forced himself on her.",
        {("Paula Ray", "Alan Gray")},
    ),
    (
        "Gary Pruitt was indicted on Tuesday on charges of wire fraud and money laundering.",
        {(None, "Gary Pruitt")},
    ),
    (
        "Singer Tess Barlow tweeted her support for the women accusing Hal Brenner.",
        {(None, "Hal Brenner")},
    ),
    (
        CTX + "Jane Roe is the latest woman to come forward with allegations against Doe.",
        {("Jane Roe", "John Doe")},
    ),
    (
        CTX + "Doe, 65, has been accused of sexual misconduct by at least 20 women, including "
        "actress Jane Roe.",
        {(None, "John Doe"), ("Jane Roe", "John Doe")},
    ),
    (
        CTX + "Jane Roe's lawyer, Gloria Hart, said her client was assaulted by Doe in 2010.",
        {("Jane Roe", "John Doe")},
    ),
    (
        CTX + "Jane Roe said she was 19 when Doe forced her to perform oral sex in his office.",
        {("Jane Roe", "John Doe")},
    ),
    (
        CTX + "Jane Roe's allegation that Doe raped her in 1994 was first reported by the "
        "Chronicle.",
        {("Jane Roe", "John Doe")},
    ),
    (
        "Devraj Mehta was removed as president. He claims Imelda Faraday-Wells forged the "
        "minutes of a December board meeting.",
        {("Devraj Mehta", "Imelda Faraday-Wells")},
    ),
    (
        "A county commissioner who has served for 16 years was indicted Thursday on charges "
        "that he took bribes, prosecutors said.\n\n"
        "Commissioner Raymond Tullock, 63, pleaded not guilty during a brief hearing.",
        {(None, "Raymond Tullock")},
    ),
]

WHITAKER = "State Senator Paul Whitaker faces growing pressure in the capital. "
ACCOUNTS += [
    (
        WHITAKER + "Linda Park says Whitaker put his hand on her thigh during a car ride.",
        {("Linda Park", "Paul Whitaker")},
    ),
    (
        WHITAKER + "Linda Morales's account of being groped by Whitaker in 2015 was "
        "corroborated by two colleagues.",
        {("Linda Morales", "Paul Whitaker")},
    ),
    (
        WHITAKER + "Whitaker apologized Tuesday after a former aide, Linda Morales, said he had "
        "groped her at a 2016 fundraiser.",
        {("Linda Morales", "Paul Whitaker")},
    ),
    (
        WHITAKER + "Linda Morales filed a complaint against Whitaker with the ethics committee, "
        "saying he groped her.",
        {("Linda Morales", "Paul Whitaker")},
    ),
    (
        CTX + "After the show, Jane Roe said, Doe drove to an empty parking lot and groped her.",
        {("Jane Roe", "John Doe")},
    ),
    (
        "A county dentist accused of abusing sedated patients pleaded not guilty on Thursday.\n\n"
        "Dr. Gregory Novak, 49, faces six counts. A 34-year-old woman told detectives she woke "
        "up during an extraction and found Novak touching her breasts.",
        {(None, "Gregory Novak")},
    ),
]

# The roundup shapes of network-news coverage.
ACCOUNTS += [
    (
        "Comedian Louis Brandt, who was accused last month by five women of sexual misconduct, "
        "has apologized.",
        {(None, "Louis Brandt")},
    ),
    (
        "Matt Larson, who was fired last month after allegations of inappropriate sexual "
        "behavior, has not commented.",
        {(None, "Matt Larson")},
    ),
    (
        "Reports in The Daily Ledger and The Evening Post allege the film mogul Harold Weiss "
        "harassed or assaulted dozens of women.",
        {(None, "Harold Weiss")},
    ),
    (
        "Kevin Stacy apologized after actor Anthony Rapp said Stacy made a sexual advance toward "
        "him when Rapp was 14.",
        {("Anthony Rapp", "Kevin Stacy")},
    ),
    (
        "Actress Rosa McKay, who has accused Harold Weiss of raping her, was suspended from "
        "Twitter.",
        {("Rosa McKay", "Harold Weiss")},
    ),
]

LOOK_ALIKES: list[str] = [
    "Hal Brenner accused the media of waging a witch hunt against him.",
    "Hal Brenner denied ever accusing Tess Barlow of theft.",
    "Hal Brenner said Tess Barlow attacked him in the press to promote her book.",
    "Director Sam Lutz, who worked with Hal Brenner for a decade, said he had never seen him "
    "act inappropriately.",
    "Tess Barlow said Hal Brenner had been a mentor to her and helped her career.",
    "Nora Quill said that she was never harassed by Hal Brenner.",
    CTX + "Jane Roe said Doe was a generous mentor who never behaved inappropriately.",
    CTX + "Jane Roe, who starred in Doe's 2005 film, declined to comment on the allegations.",
    "Former employee Dana Reyes filed a lawsuit against Mercer Holdings, alleging that she was "
    "fired after reporting harassment.\n\nNobody else was named.",
    '"I asked for the recount because 14 votes is nothing," Linda Hoffman said. "Nobody is '
    'accusing the election board of anything."',
    "The graduate school, which is charged with overseeing 3,400 students, named a new dean.",
    "The audit does not mean Mayor Gary Hensley has been charged with a crime.",
    "Actress Jenna Cole tweeted that she, too, had been harassed by a director when she was 19, "
    "but did not name him.",
    "Singer Maya Lin shared her own story under the hashtag, writing that a producer had groped "
    "her.",
    "Nick Romano said Sunday that he would step away from his company after he was accused by "
    "four former employees of harassment.",
]


@pytest.mark.parametrize(("text", "expected"), ACCOUNTS, ids=lambda v: str(v)[:40])
def test_account_becomes_exactly_these_pairs(text: str, expected: Pairs) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize("text", LOOK_ALIKES, ids=lambda v: v[:40])
def test_look_alike_accuses_nobody_wrongly(text: str) -> None:
    pairs = _pairs(text)
    # Dana Reyes accuses Mercer Holdings, and the employees accuse Romano; nobody else in
    # these texts accuses anyone.
    assert all(accused in {"Mercer Holdings", "Nick Romano"} for _, accused in pairs), pairs
    assert all(accuser != "Nick Romano" for accuser, _ in pairs), pairs


BRENNER = (
    "Former producer Hal Brenner was accused by three women of sexual harassment, according to "
    "a lawsuit filed Monday. "
)
DENIALS: list[tuple[str, set[str]]] = [
    (
        "Commissioner Raymond Tullock, 63, pleaded not guilty to two counts of bribery on Monday. "
        "Prosecutors say Tullock took bribes.",
        {"Raymond Tullock"},
    ),
    (
        BRENNER + 'He has denied "any conduct of a sexual nature with anyone I employed."',
        {"Hal Brenner"},
    ),
    (BRENNER + 'Brenner has called those accounts "recycled gossip."', {"Hal Brenner"}),
    (
        BRENNER + "Brenner pushed back on the allegations in a lengthy Facebook post.",
        {"Hal Brenner"},
    ),
    (BRENNER + 'Brenner dismissed the claims as "a shakedown."', {"Hal Brenner"}),
    (BRENNER + "Brenner has said the encounters were consensual.", {"Hal Brenner"}),
    (
        BRENNER + '"I regret how I spoke to my staff," the statement said. "But I have never '
        'touched any employee in a sexual way."',
        set(),  # no statement was introduced: nobody to attribute it to
    ),
    (
        BRENNER + 'In a statement, Brenner said he regretted how he spoke to staff. "I own that," '
        'the statement said. "But I have never touched any employee in a sexual way."',
        {"Hal Brenner"},
    ),
    (BRENNER + "Brenner did not respond to requests for comment.", set()),
    (BRENNER + "Nora Quill, a friend of Brenner, said the allegations were false.", set()),
    (
        "Linda Hoffman conceded the race. Asked about 2024, Hoffman denied having any plans "
        '"beyond a long nap."',
        set(),
    ),
]


@pytest.mark.parametrize(("text", "expected"), DENIALS, ids=lambda v: str(v)[-40:])
def test_denial_edges_name_exactly_these_deniers(text: str, expected: set[str]) -> None:
    report: dict[str, Any] = extract(text, {"outlet": "Daily Ledger"})
    assert edge_deniers(report) == expected
