"""Search as a reporter expects it: stems, folded diacritics, prefixes, typos, ranked;
no input is ever Lucene syntax (real HTTP, real Neo4j)."""

from __future__ import annotations

from typing import Any

import pytest

from kb.model.graph import model
from kb.store.schema import apply_schema, stale_fulltext
from tests.api_helpers import Api, codes, load
from tests.conftest import Graph

TEXT = ("Zoë Marchetti has accused Wendell Okafor of raping her after a gala in 2021. "
        "Okafor denied it. Wendy Okafor, his sister, was not named in the complaint. "
        "Marchetti is represented by Pell & Dunmore.")

REPORT: dict[str, Any] = {
    "publication": {"title": "Gala complaint", "outlet": "The Fernhill Courier",
                    "url": "https://fernhill-courier.example.org/gala", "published": "2024-02-01",
                    "text": TEXT},
    "people": [{"name": "Zoë Marchetti", "aliases": ["Marchetti"]},
               {"name": "Wendell Okafor", "aliases": ["Okafor"]}, "Wendy Okafor"],
    "organisations": ["Pell & Dunmore"],
    "allegations": [{"accuser": "Zoë Marchetti", "accused": "Wendell Okafor",
                     "summary": "raping her after a gala",
                     "quote": "Zoë Marchetti has accused Wendell Okafor of raping her"}],
}

QUERY = "query ($t: String!) { search(text: $t) { __typename name } }"


@pytest.fixture
def seeded(graph: Graph) -> Graph:
    load(graph, REPORT)
    return graph


def names(api: Api, text: str) -> list[str]:
    return [e["name"] for e in api.data(QUERY, {"t": text})["search"]]


def test_a_stem_finds_the_inflected_summary(seeded: Graph, dev_api: Api) -> None:
    assert set(names(dev_api, "rape")) == {"Zoë Marchetti", "Wendell Okafor"}
    assert set(names(dev_api, "rapes")) == {"Zoë Marchetti", "Wendell Okafor"}


def test_diacritics_are_folded_both_ways(seeded: Graph, dev_api: Api) -> None:
    assert names(dev_api, "Zoe")[0] == "Zoë Marchetti"
    assert names(dev_api, "ZOË")[0] == "Zoë Marchetti"
    assert names(dev_api, "zoe marchetti")[0] == "Zoë Marchetti"


def test_a_prefix_finds_the_name(seeded: Graph, dev_api: Api) -> None:
    assert names(dev_api, "Marche") == ["Zoë Marchetti"]
    assert names(dev_api, "Dunm") == ["Pell & Dunmore"]


def test_a_typo_still_finds_the_name(seeded: Graph, dev_api: Api) -> None:
    assert "Wendell Okafor" in names(dev_api, "Wendel Okafro")
    assert "Zoë Marchetti" in names(dev_api, "Marchetto")


def test_the_exact_name_ranks_first(seeded: Graph, dev_api: Api) -> None:
    found = names(dev_api, "Wendy Okafor")
    assert found[0] == "Wendy Okafor"
    assert "Wendell Okafor" in found[1:]  # same surname: found, ranked below
    assert names(dev_api, "Wendell Okafor")[0] == "Wendell Okafor"


@pytest.mark.parametrize("text", [
    "AND", "OR", "NOT", "a AND", "AND OR NOT", "TO", "Okafor AND", "NOT Okafor", "Okafor OR",
    '"', '"Okafor', "Okafor~", "Okafor~2", "*", "?", "*:*", "name:Okafor", "Okafor^9",
    "(Okafor", "Okafor)", "[a TO z]", "{a TO z}", "\\", "/", "/Okafor/", "+", "-", "&&", "||",
    "!", "Pell & Dunmore", "O'Brien", "a\u2019b", "Okafor\\", "-Okafor", "+Okafor -Wendy",
])
def test_lucene_syntax_or_keywords_never_error(seeded: Graph, dev_api: Api, text: str) -> None:
    body = dev_api.post(QUERY, {"t": text})
    assert not body.get("errors"), body["errors"]
    assert isinstance(body["data"]["search"], list)


def test_operators_are_words_not_syntax(seeded: Graph, dev_api: Api) -> None:
    # As syntax, "NOT Okafor" would match nothing, "*:*" everything, "-Wendy" exclude her.
    assert "Wendell Okafor" in names(dev_api, "NOT Okafor")
    assert names(dev_api, "*:*") == []
    assert {"Zoë Marchetti", "Wendy Okafor"} <= set(names(dev_api, "Zoë -Wendy"))


def test_empty_or_oversized_text_is_refused(seeded: Graph, dev_api: Api) -> None:
    assert codes(dev_api.post(QUERY, {"t": "   "})) == ["INVALID_INPUT"]
    assert codes(dev_api.post(QUERY, {"t": "x" * 501})) == ["INVALID_INPUT"]


def test_many_words_stay_within_lucene_limits(seeded: Graph, dev_api: Api) -> None:
    text = " ".join(f"okafor{i}x" for i in range(80))[:500]
    body = dev_api.post(QUERY, {"t": text})
    assert not body.get("errors"), body["errors"]


def test_an_index_with_another_analyzer_is_recreated(graph: Graph) -> None:
    name, ft = next(iter(model().fulltext.items()))
    graph.driver.execute_query(f"DROP INDEX {name}")
    graph.driver.execute_query(
        f"CREATE FULLTEXT INDEX {name} FOR (n:{'|'.join(ft.labels)}) ON EACH "
        f"[{', '.join('n.' + p for p in ft.properties)}] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'simple'}}")
    assert stale_fulltext(graph.driver, graph.database) == [name]
    apply_schema(graph.driver, graph.database)
    assert stale_fulltext(graph.driver, graph.database) == []
    rows = graph.query("SHOW FULLTEXT INDEXES YIELD name, options WHERE name = $n "
                       "RETURN options.indexConfig.`fulltext.analyzer` AS a", n=name)
    assert rows == [{"a": ft.analyzer}]
