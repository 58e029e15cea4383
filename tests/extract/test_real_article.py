"""The extractor on the real NBC article (shared/corpus beside the repo, or KB_CORPUS_DIR).

Its scores against the article's gold file are a row of tests/extract/floors.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loaders.extract import extract, read_article

STEM = "nbc-metoo-2017-10-16"


@pytest.fixture(scope="module")
def report(corpus_dir: Path) -> dict[str, Any]:
    article = read_article(corpus_dir / f"{STEM}.txt")
    return extract(article.text, article.meta)


def _people(report: dict[str, Any]) -> set[str]:
    return {p["name"] for p in report["people"]}


def test_required_people_found(report: dict[str, Any]) -> None:
    required = {
        "Alyssa Milano",
        "Harvey Weinstein",
        "Rose McGowan",
        "Anna Paquin",
        "Debra Messing",
        "Nick Jack Pappas",
    }
    assert required <= _people(report)


def test_hashtags_and_show_title_are_not_people(report: dict[str, Any]) -> None:
    names = {n.lstrip("#") for n in _people(report)}
    assert not names & {"MeToo", "WomenBoycottTwitter", "Charmed"}


def test_mcgowan_accuses_weinstein(report: dict[str, Any]) -> None:
    pairs = {(a["accuser"], a["accused"]) for a in report["allegations"]}
    assert ("Rose McGowan", "Harvey Weinstein") in pairs


def test_anonymous_allegation_reported_by_two_outlets(report: dict[str, Any]) -> None:
    anonymous = [
        a
        for a in report["allegations"]
        if a["accuser"] is None and not a.get("accusers") and a["accused"] == "Harvey Weinstein"
    ]
    assert any({"The New York Times", "The New Yorker"} <= set(a["reported_by"]) for a in anonymous)


def test_weinstein_denies(report: dict[str, Any]) -> None:
    assert "Harvey Weinstein" in {d["denier"] for d in report["denials"]}


def test_milano_accuses_no_one(report: dict[str, Any]) -> None:
    for a in report["allegations"]:
        assert a["accuser"] != "Alyssa Milano"
        assert "Alyssa Milano" not in a.get("accusers", [])


def test_every_citation_is_exact(report: dict[str, Any]) -> None:
    text = report["publication"]["text"]
    for section in ("allegations", "denials", "responses", "relations"):
        for item in report[section]:
            assert text[item["start"] : item["end"]] == item["quote"]
