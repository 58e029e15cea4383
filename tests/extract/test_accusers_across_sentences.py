"""Accusers introduced in one sentence and taken up by a pronoun or group noun in a later one
(names are invented)."""

from __future__ import annotations

from typing import Any

from loaders.extract import extract


def _items(report: dict[str, Any], accused: str) -> list[dict[str, Any]]:
    return [a for a in report["allegations"] if a["accused"] == accused]


def _accusers(item: dict[str, Any]) -> set[str]:
    return set(item.get("accusers") or [item["accuser"]])


def test_they_after_named_pair_resolves_to_the_pair() -> None:
    text = (
        "Two of the former employees, deputy director Kelsey Amundsen and budget analyst "
        "Ramon Ybarra, spoke on the record. They said Curtis Dahlgren harassed junior staff "
        "and threatened to fire them.\n"
    )
    items = _items(extract(text), "Curtis Dahlgren")
    assert items
    assert _accusers(items[0]) == {"Kelsey Amundsen", "Ramon Ybarra"}
    assert 0.6 <= items[0]["confidence"] <= 0.7


def test_group_noun_after_named_volunteers() -> None:
    text = (
        "Two former volunteers, Maria Lopez and Susan Clark, "
        "met with reporters on Monday. The women say Darlene Fitch harassed volunteers and "
        "threatened to fire them.\n"
    )
    items = _items(extract(text), "Darlene Fitch")
    assert items
    assert _accusers(items[0]) == {"Maria Lopez", "Susan Clark"}
    assert items[0]["confidence"] <= 0.7


def test_she_resolves_past_the_accused_with_gender_agreement() -> None:
    text = (
        "A former assistant, Ms. Dana Whitcombe, worked for Gregor Vance for three years. "
        "Vance did not respond. She said he sexually harassed her in his office.\n"
    )
    items = _items(extract(text), "Gregor Vance")
    assert any("Dana Whitcombe" in _accusers(a) for a in items)


def test_two_named_pairs_make_the_antecedent_ambiguous() -> None:
    text = (
        "Nurses Ada Brill and Hana Oduya spoke first, and pharmacists Omar Reyes and Lev "
        "Sattar spoke later. They said Martin Kessel sexually harassed junior staff.\n"
    )
    items = _items(extract(text), "Martin Kessel")
    assert all(a["confidence"] < 0.6 for a in items if a.get("accusers"))


def test_they_never_resolves_to_the_accused_pair() -> None:
    text = (
        "Executives Paul Ardent and Simon Grey were suspended on Friday. They said Paul "
        "Ardent harassed junior staff.\n"
    )
    for a in extract(text)["allegations"]:
        assert not ({"Paul Ardent", "Simon Grey"} <= _accusers(a))


def test_spokespeople_are_not_accusers() -> None:
    text = (
        "Spokeswoman Heather Lindell and lawyer Tom Bayer, who represent the company, "
        "spoke to reporters. They said Curtis Dahlgren harassed junior staff.\n"
    )
    for a in extract(text)["allegations"]:
        assert not (_accusers(a) & {"Heather Lindell", "Tom Bayer"})


def test_no_misconduct_clause_no_allegation() -> None:
    text = (
        "Two former employees, Kelsey Amundsen and Ramon Ybarra, spoke on the record. "
        "They said Curtis Dahlgren kept a shared calendar for the office.\n"
    )
    assert not _items(extract(text), "Curtis Dahlgren")


def test_antecedent_too_far_back_is_not_used() -> None:
    text = (
        "Two former employees, Kelsey Amundsen and Ramon Ybarra, spoke on the record.\n\n"
        "The office opened in 2010.\n\n"
        "It moved downtown in 2015. The budget grew. Staff numbers doubled. They said "
        "Curtis Dahlgren harassed junior staff.\n"
    )
    for a in _items(extract(text), "Curtis Dahlgren"):
        assert not (_accusers(a) & {"Kelsey Amundsen", "Ramon Ybarra"})
