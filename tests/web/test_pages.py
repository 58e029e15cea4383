"""The workspace in a real browser: every page opens, edges open their quotes, quotes open
highlighted in their publication, paths are followed, and nothing from the graph runs as HTML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.api_helpers import Api, gid
from tests.conftest import Graph
from tests.web.conftest import open_page, use_token
from tests.web.data import CORRECTED_TITLE, EVIL_NAME, EVIL_QUOTE, HUB, RETRACTED_TITLE

# A browser and an API server of their own.
pytestmark = pytest.mark.slow


def _id(graph: Graph, label: str, name: str) -> str:
    return gid(graph, label, name)


def test_home_searches_people_and_allegations(page: Any, web: Api) -> None:
    open_page(page, web, "/")
    page.fill("#q", "Kessel")
    page.press("#q", "Enter")
    page.wait_for_selector("#results li")
    results = page.inner_text("#results")
    assert "Raymond Kessel" in results
    assert "sexual remarks" in results  # an allegation found by its summary
    assert "publications" in page.inner_text(".counts")
    page.click("#results a:text('Raymond Kessel')")
    page.wait_for_selector("body[data-rendered]")
    assert page.inner_text("h1").startswith("Raymond Kessel")


def test_entity_page_shows_claims_with_quotes_and_no_ids(page: Any, web: Api,
                                                         examples: Graph) -> None:
    kessel = _id(examples, "Person", "Raymond Kessel")
    first = open_page(page, web, f"/entity/{kessel}")
    ms = open_page(page, web, f"/entity/{kessel}")  # warm: the query plan is cached
    print(f"\nentity page (Raymond Kessel) rendered {ms:.0f} ms after navigation "
          f"(first load {first:.0f} ms)")
    text = page.inner_text("main")
    assert "Allegations faced (3)" in text
    assert "alleged by Lena Marsh" in text
    assert "Raymond Kessel via Abigail Strand" in text  # a denial given for him by a spokeswoman
    assert "Affiliations" in text and "Silverline Resorts" in text
    assert "Mojave Press Service" in text  # the outlet of every quote
    assert kessel not in text and "per_" not in text and "rel_" not in text


def test_allegation_page_lists_parties_responses_and_citations(page: Any, web: Api,
                                                               examples: Graph) -> None:
    rows = examples.query("MATCH (a:Allegation) WHERE a.summary STARTS WITH 'that Kessel' "
                          "RETURN a.id AS id")
    from kb.api.ids import encode_id
    open_page(page, web, f"/allegation/{encode_id('Allegation', rows[0]['id'])}")
    text = page.inner_text("main")
    assert "Accused" in text and "Raymond Kessel" in text
    assert "Responses (2)" in text
    assert "1 independent source" in text
    assert "Every citation" in text and "Two former cocktail waitresses" in text
    history = page.locator("ol.history li")
    assert history.count() >= 2  # alleged, then denied
    assert "alleged" in history.first.inner_text() and "denied" in history.last.inner_text()
    history.first.locator("a").click()
    page.wait_for_selector("body[data-rendered]")
    assert page.inner_text("h1").startswith("Two former cocktail waitresses")


def test_edge_opens_its_quote_highlighted_in_the_publication(page: Any, web: Api,
                                                             examples: Graph) -> None:
    marsh = _id(examples, "Person", "Lena Marsh")
    open_page(page, web, f"/graph?focus={marsh}")
    # Click the drawn line itself: its midpoint on the canvas.
    point = page.evaluate("""() => {
      const e = window.kbGraph.cy.edges().filter(e => e.data('label') === 'accuses')[0];
      const box = document.getElementById('cy').getBoundingClientRect();
      const m = e.renderedMidpoint();
      return {x: box.left + m.x, y: box.top + m.y,
              quote: window.kbGraph.hops.get(e.id()).citations[0].quote};
    }""")
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#edge-panel")
    panel.locator("blockquote").first.wait_for()
    quote = panel.locator("blockquote").first.inner_text()
    assert quote == point["quote"] and "Lena Marsh" in point["quote"]
    panel.locator("figcaption a").first.click()
    page.wait_for_selector("body[data-rendered]")
    assert "/publication/" in page.url and "#span-" in page.url
    highlighted = "".join(page.locator("mark.target").all_inner_texts())
    assert highlighted == quote
    # The highlighted span has focus and says what it supports.
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    assert "accuses" in page.inner_text("#span-panel")


def test_publication_span_click_shows_the_relationships_it_supports(page: Any, web: Api,
                                                                    examples: Graph) -> None:
    from kb.api.ids import encode_id
    rows = examples.query("MATCH (p:Publication {outlet: 'Metro Wire Service'}) RETURN p.id AS id")
    open_page(page, web, f"/publication/{encode_id('Publication', rows[0]['id'])}")
    marks = page.locator(".pubtext mark")
    assert marks.count() > 3
    marks.first.focus()
    page.keyboard.press("Enter")  # keyboard, not only the mouse
    info = page.inner_text("#span-panel")
    assert "This passage supports" in info and "Owen Pratt" in info


def test_retracted_publication_says_so_at_the_top(page: Any, web: Api, examples: Graph,
                                                  tokens: dict[str, str]) -> None:
    from kb.api.ids import encode_id
    rows = examples.query(f"MATCH (p:Publication {{title: '{RETRACTED_TITLE}'}}) RETURN p.id AS id")
    pub = encode_id("Publication", rows[0]["id"])
    web.data("mutation($p: ID!) { retractPublication(publication: $p, reason: \"fabricated\") "
             "{ alreadyRetracted } }", {"p": pub}, token=tokens["admin"])
    open_page(page, web, f"/publication/{pub}")
    banner = page.locator(".banner.retracted")
    assert "retracted: fabricated" in banner.inner_text()
    assert page.evaluate(
        "document.querySelector('main').firstElementChild.classList.contains('banner')")


def test_corrected_publication_says_so_and_strikes_what_it_withdrew(
        page: Any, web: Api, examples: Graph, tmp_path: Path) -> None:
    from kb.api.ids import encode_id
    rows = examples.query(f"MATCH (p:Publication {{title: '{CORRECTED_TITLE}'}}) "
                          "RETURN p.id AS id")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text("The lighthouse reopens in May.")
    examples.kb("correct", rows[0]["id"], "--text-file", str(corrected), check=True)
    open_page(page, web, f"/publication/{encode_id('Publication', rows[0]['id'])}")
    assert "This publication was corrected: 1 cited passage is no longer" in page.inner_text(
        ".banner.corrected")
    assert page.locator("mark.superseded").inner_text() == \
        "Oona Vell accused Tam Brisk of stealing lamp fuel"


def test_network_filters_and_table_list_the_same_edges(page: Any, web: Api,
                                                       examples: Graph) -> None:
    kessel = _id(examples, "Person", "Raymond Kessel")
    open_page(page, web, f"/graph?focus={kessel}")
    visible = page.evaluate("() => window.kbGraph.cy.edges().not('.hidden').length")
    assert visible == page.locator("tbody tr").count() > 5
    page.check("#f-machine")  # every Kessel claim was machine-extracted and is unreviewed
    assert page.evaluate("() => window.kbGraph.cy.edges().not('.hidden').length") == 0
    assert page.locator("tbody tr").count() == 0
    page.uncheck("#f-machine")
    page.uncheck("input[name=type][value=RESPONDS_TO]")
    assert page.locator("tbody tr").count() == visible - page.evaluate(
        "() => [...window.kbGraph.hops.values()].filter(h => h.type === 'RESPONDS_TO').length")
    page.fill("#f-from", "2030-01-01")
    page.dispatch_event("#f-from", "change")
    assert page.locator("tbody tr").count() == 0


def test_clicking_a_node_expands_its_neighbours(page: Any, web: Api, examples: Graph) -> None:
    marsh = _id(examples, "Person", "Lena Marsh")
    open_page(page, web, f"/graph?focus={marsh}")
    before = page.evaluate("() => window.kbGraph.cy.nodes().length")
    page.click("button[aria-label='Expand Raymond Kessel']")
    page.wait_for_function(f"() => window.kbGraph.cy.nodes().length > {before}")
    assert "Silverline Resorts" in page.inner_text("tbody")


def test_network_of_200_nodes(page: Any, web: Api, examples: Graph) -> None:
    hub = _id(examples, "Organisation", HUB)
    first = open_page(page, web, f"/graph?focus={hub}")
    ms = open_page(page, web, f"/graph?focus={hub}")  # warm: the query plan is cached
    nodes = page.evaluate("() => window.kbGraph.cy.nodes().not('.hidden').length")
    assert nodes == 200
    assert page.locator("tbody tr").count() == 199
    data = page.evaluate("window.kbTimes.data")
    print(f"\nnetwork view of {nodes} nodes rendered {ms:.0f} ms after navigation "
          f"(data in and table built at {data:.0f} ms, then layout and drawing; "
          f"first load {first:.0f} ms)")


def test_path_is_followed_hop_by_hop(page: Any, web: Api) -> None:
    open_page(page, web, "/path")
    page.fill("#from", "Lena Marsh")
    page.fill("#to", "Silverline Resorts")
    page.click("button:text('Find connections')")
    page.wait_for_selector("section.path")
    first = page.locator("section.path").first
    assert "3 hops" in page.inner_text("main")
    chain = first.locator(".chain").inner_text()
    assert chain.startswith("Lena Marsh") and chain.endswith("Silverline Resorts")
    assert first.locator("figure.citation").count() == 3  # every hop with its quote
    first.locator(".chain a").nth(2).click()  # follow the path: the middle entity
    page.wait_for_selector("body[data-rendered]")
    assert page.inner_text("h1").startswith("Raymond Kessel")


def test_no_path_says_how_far_each_side_reaches(page: Any, web: Api, examples: Graph) -> None:
    marsh = _id(examples, "Person", "Lena Marsh")
    pratt = _id(examples, "Person", "Owen Pratt")
    open_page(page, web, f"/path?from={marsh}&to={pratt}")
    text = page.inner_text(".nopath")
    assert "No path of up to 4 cited relationships joins Lena Marsh and Owen Pratt" in text
    assert "Lena Marsh reaches 2 other entities" in text and "Owen Pratt reaches" in text


def test_names_and_quotes_are_text_never_html(page: Any, web: Api, examples: Graph) -> None:
    evil = _id(examples, "Person", EVIL_NAME)
    open_page(page, web, f"/entity/{evil}")
    assert page.inner_text("h1").startswith(EVIL_NAME)
    assert "<script>alert(1)</script>" in page.inner_text("main")
    page.click("figcaption a")
    page.wait_for_selector("body[data-rendered]")
    assert EVIL_QUOTE in page.inner_text(".pubtext")
    assert "<b>Invoices</b> & <i>denials</i>" in page.inner_text("h1")
    assert page.locator("main script, main img, main b").count() == 0
    assert page.evaluate("window.pwned") is None


def test_audit_names_what_it_finds(page: Any, web: Api, tokens: dict[str, str]) -> None:
    use_token(page, web, tokens["admin"])
    open_page(page, web, "/audit")
    text = page.inner_text("main")
    assert "Violations (" in text and "single source" in text
    assert not re.search(r"\b(alg|rel|cit|per|org|pub|rsp)_[0-9a-f]{8}", text), text
    assert page.locator("li.warn li a[href^='/allegation/']").count() > 5


def test_graphiql_works_offline_from_vendored_files(page: Any, web: Api) -> None:
    page.goto(web.url + "/graphql", wait_until="load")
    page.wait_for_selector(".graphiql-container")  # rendered by the vendored bundle
    # The `page` fixture fails the test if anything was fetched from another host.


def test_without_dev_mode_the_page_asks_for_a_token_once(page: Any, web_prod: Api,
                                                         tokens: dict[str, str]) -> None:
    sent: list[dict[str, str]] = []
    page.on("request", lambda r: sent.append(r.headers) if r.url.endswith("/graphql") else None)
    page.goto(web_prod.url + "/")
    page.wait_for_selector("form.token-form")
    page.fill("#token", tokens["reader"])
    page.click("button:text('Use this token')")
    page.wait_for_selector("body[data-rendered]")
    assert "Recent publications" in page.inner_text("main")
    page.goto(web_prod.url + "/graph")  # remembered: not asked again
    page.wait_for_selector("body[data-rendered]")
    assert page.locator("form.token-form").count() == 0
    assert sent[-1].get("authorization") == f"Bearer {tokens['reader']}"
    assert all("cookie" not in h for h in sent)


@pytest.mark.parametrize("path", ["/entity/bm90LWFuLWlk", "/publication/UHVibGljYXRpb246bm9uZQ=="])
def test_unknown_ids_say_not_found_or_why(page: Any, web: Api, path: str) -> None:
    page.goto(web.url + path)
    page.wait_for_selector("main h1, main .error")
    text = page.inner_text("main")
    assert "Not found" in text or "not an id of this API" in text


UNLABELLED = """() => [...document.querySelectorAll('input, select, button')]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.textContent.trim()).map(el => el.outerHTML)"""


def test_controls_are_labelled_and_reachable_by_keyboard(page: Any, web: Api,
                                                         examples: Graph) -> None:
    kessel = _id(examples, "Person", "Raymond Kessel")
    for path in ["/", f"/graph?focus={kessel}", "/path"]:
        open_page(page, web, path)
        assert page.evaluate(UNLABELLED) == [], path
    open_page(page, web, f"/graph?focus={kessel}")
    page.keyboard.press("Tab")  # the first stop skips to the content
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    # The table fallback expands a node without a mouse.
    resorts = _id(examples, "Organisation", "Silverline Resorts")
    page.focus("button[aria-label='Expand Silverline Resorts']")
    page.keyboard.press("Enter")
    page.wait_for_function("id => window.kbGraph.expanded.has(id)", arg=resorts)
