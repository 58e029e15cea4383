"""The review queue in the browser: editors decide, readers only read why they cannot."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api_helpers import Api
from tests.conftest import Graph
from tests.web.conftest import open_page, use_token

# A browser and an API server of their own.
pytestmark = pytest.mark.slow


def _item(page: Any, words: str) -> Any:
    """The review item whose heading (not its context) has these words."""
    return page.locator("article.review-item",
                        has=page.locator("h3", has_text=words)).first


def test_editor_accepts_a_claim_and_the_graph_records_it(page: Any, web_prod: Api,
                                                         examples: Graph,
                                                         tokens: dict[str, str]) -> None:
    use_token(page, web_prod, tokens["editor"])
    open_page(page, web_prod, "/review")
    item = _item(page, "that the producer commented on her body")
    # The sentence is shown marked inside its context.
    assert "commented on her body" in item.locator("mark.sentence").inner_text()
    item.get_by_role("button", name="Accept").click()
    item.get_by_text("Accepted", exact=True).wait_for()
    assert "accepted" in item.locator(".state").inner_text()
    rows = examples.query("MATCH (a:Allegation) WHERE a.summary CONTAINS 'commented on her body' "
                          "RETURN a.review AS review")
    assert [r["review"] for r in rows] == ["accepted"]


def test_editor_rejects_with_a_reason(page: Any, web_prod: Api, examples: Graph,
                                      tokens: dict[str, str]) -> None:
    use_token(page, web_prod, tokens["editor"])
    open_page(page, web_prod, "/review")
    item = _item(page, "ignored two written complaints")
    item.get_by_role("button", name="Reject").click()
    item.get_by_label("Reason").fill("the sentence names the company, not a person")
    item.locator("form.reason button").click()
    item.get_by_text("Rejected", exact=True).wait_for()
    rows = examples.query("MATCH (a:Allegation) WHERE a.summary CONTAINS "
                          "'ignored two written complaints' RETURN a.review AS review")
    assert [r["review"] for r in rows] == ["rejected"]


def test_editor_sees_merge_candidates_and_can_keep_them_apart(page: Any, web_prod: Api,
                                                             tokens: dict[str, str]) -> None:
    use_token(page, web_prod, tokens["editor"])
    open_page(page, web_prod, "/review")
    item = page.locator("article.review-item", has=page.locator("h3", has_text="Same person?"),
                        has_text="Marrow").first
    assert item.get_by_role("button", name="Not the same").count() == 1
    item.get_by_role("button", name="Not the same").click()
    item.get_by_label("Reason").fill("two different people")
    item.locator("form.reason button").click()
    item.get_by_text("are distinct").wait_for()


def test_a_reader_sees_why_and_no_buttons(page: Any, web_prod: Api,
                                          tokens: dict[str, str]) -> None:
    use_token(page, web_prod, tokens["reader"])
    open_page(page, web_prod, "/review")
    assert "Reviewing is for editors" in page.inner_text("main")
    assert page.locator("main button").count() == 0


def test_anonymous_visitor_is_asked_for_an_editor_token(page: Any, web: Api) -> None:
    open_page(page, web, "/review")
    assert page.locator("form.token-form").count() == 1
    assert "editor token" in page.inner_text("main")
    assert page.get_by_role("button", name="Accept").count() == 0


def test_editor_edits_who_a_claim_names(page: Any, web_prod: Api, examples: Graph,
                                        tokens: dict[str, str]) -> None:
    use_token(page, web_prod, tokens["editor"])
    open_page(page, web_prod, "/review")
    item = _item(page, "machine for manufacturing revenue")
    item.get_by_role("button", name="Edit").click()
    item.get_by_label("denier").fill("Grayfin Research")
    item.get_by_role("button", name="Save the edit").click()
    item.get_by_text("Edited", exact=True).wait_for()
    rows = examples.query(
        "MATCH (o:Organisation {name: 'Grayfin Research'})-[:ISSUED]->(d:Denial) "
        "WHERE d.review = 'accepted' RETURN count(d) AS n")
    assert rows[0]["n"] == 1
