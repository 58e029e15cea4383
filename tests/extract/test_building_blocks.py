"""Small texts pinning the extractor's building blocks and rules."""

from __future__ import annotations

from typing import Any

from loaders.extract import extract
from loaders.extract.quotes import find_quotations


def _people(report: dict[str, Any]) -> dict[str, list[str]]:
    return {p["name"]: p["aliases"] for p in report["people"]}


def _citations_valid(report: dict[str, Any]) -> bool:
    text = report["publication"]["text"]
    return all(
        text[i["start"] : i["end"]] == i["quote"]
        for section in ("allegations", "denials", "responses", "relations")
        for i in report[section]
    )


def test_quotation_marks_pair_curly_and_straight() -> None:
    text = 'He said "one," then “two ‘inner’ three.” Weinstein\'s point.'
    spans = [text[q.start : q.end] for q in find_quotations(text)]
    assert '"one,"' in spans
    assert "“two ‘inner’ three.”" in spans
    assert "‘inner’" in spans


def test_multi_paragraph_quote_is_split_per_paragraph() -> None:
    text = '"First part of the quote.\n\n"Second part," she said.'
    quotes = find_quotations(text)
    assert len(quotes) == 2
    assert all("\n" not in text[q.start : q.end].strip() for q in quotes)


def test_hashtag_is_never_a_person() -> None:
    report = extract("#JaneDoe trended on Monday after Maria Lopez posted about #MeToo online.")
    names = _people(report)
    assert "Maria Lopez" in names
    assert not any("JaneDoe" in n or "MeToo" in n for n in names)


def test_surname_links_to_the_full_name_used_earlier() -> None:
    report = extract(
        "Maria Lopez, a former aide, has accused Daniel Kramer of harassing her. "
        "Kramer denied the allegations. Lopez said she would testify."
    )
    names = _people(report)
    assert names["Daniel Kramer"] == ["Kramer"]
    assert names["Maria Lopez"] == ["Lopez"]


def test_quoted_show_title_is_not_a_person_mention() -> None:
    report = extract(
        'Ellen Park starred in the sitcom "Dana Whitfield" for two seasons. '
        "Park later said the set was a difficult place to work."
    )
    assert "Dana Whitfield" not in _people(report)


def test_accuser_relative_clause_and_denial() -> None:
    report = extract(
        "Maria Lopez, who has accused Daniel Kramer of sexually harassing her, spoke on Monday. "
        "Kramer has denied the allegations."
    )
    pairs = {(a["accuser"], a["accused"]) for a in report["allegations"]}
    assert ("Maria Lopez", "Daniel Kramer") in pairs
    assert {d["denier"] for d in report["denials"]} == {"Daniel Kramer"}
    assert _citations_valid(report)


def test_no_comment_is_a_response_not_a_denial() -> None:
    report = extract(
        "Maria Lopez accused Daniel Kramer of fraud in a lawsuit. "
        "Kramer declined to comment on Tuesday."
    )
    assert report["denials"] == []
    assert [r["type"] for r in report["responses"]] == ["no_comment"]


def test_unnamed_spokesperson_denies_for_the_company() -> None:
    report = extract(
        "Grayfin Research accused Tavora Logistics of inflating its revenue. "
        "A spokeswoman for Tavora Logistics denied the accusations."
    )
    assert {d["denier"] for d in report["denials"]} == {"Tavora Logistics"}


def test_anonymous_accusers_keep_a_description() -> None:
    report = extract(
        "Daniel Kramer, a film producer, faces new claims. "
        "Eight women have accused Kramer of sexual harassment."
    )
    allegation = report["allegations"][0]
    assert allegation["accuser"] is None
    assert allegation["accuser_description"] == "Eight women"
    assert allegation["accused"] == "Daniel Kramer"
