"""The SDL snapshot follows the code: schema/schema.graphql is derived, never hand-edited."""

from __future__ import annotations

from kb.api.schema import sdl
from kb.model.derive import derived_files, stale_files


def test_the_sdl_snapshot_is_derived_and_up_to_date() -> None:
    assert "schema.graphql" in derived_files()
    assert "schema.graphql" not in stale_files(), "run `kb schema derive`"


def test_every_relationship_field_of_the_sdl_is_a_cited_connection() -> None:
    text = sdl()
    assert "citations: [Citation!]!" in text
    assert "nodes:" not in text  # no shortcut around the edges (and their evidence)
