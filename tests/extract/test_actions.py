"""Actions by an organisation on a person, told in the organisation's own announcement."""

from __future__ import annotations

import pytest

from loaders.extract.pipeline import extract

CASES = [
    ("Riverside 7 News announced it had fired Bradley Voss on Friday.",
     ("Bradley Voss", "Riverside 7 News", "fire")),
    ("Halden Logistics said Thursday that its board had placed chief executive Sebastian Roark "
     "on leave.", ("Sebastian Roark", "Halden Logistics", "placed on leave")),
    ("The Marlow Daily Record reported that Tomas Vick placed a bet on the game.", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_an_organisation_acts_on_a_person(text: str, expected: tuple[str, str, str] | None) -> None:
    actions = [(r["person"], r["organisation"], r["detail"])
               for r in extract(text, {})["relations"] if r["kind"] == "action"]
    assert actions == ([expected] if expected else [])
