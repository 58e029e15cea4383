"""Large pages stay small: an edge's citations are bounded (`first`, default 5) and
counted (`citationCount`); a list's total comes from counts, left-out claims subtracted."""

from __future__ import annotations

import pytest

from kb.api.types import EDGE_CITATIONS
from tests.api_helpers import Api, codes, gid, load
from tests.conftest import Graph, seed_copy

SOURCES = EDGE_CITATIONS + 2  # the same report from this many outlets: as many citations

PARTIES = """query ($who: ID!) { allegations(filter: {accuser: $who}) { edges { node {
  accused { edges { citationCount all: citations(first: 100) { quote publication { url } }
    byDefault: citations { quote publication { url } }
    two: citations(first: 2) { publication { url } } none: citations(first: 0) { quote } } } } } }
}"""


@pytest.fixture
def widely_reported(graph: Graph) -> Graph:
    for i in range(SOURCES):
        load(graph, seed_copy(url=f"https://outlet{i}.example/roundup", outlet=f"Outlet {i}"))
    return graph


def test_an_edge_lists_its_first_citations_and_says_how_many_it_has(
    widely_reported: Graph, dev_api: Api
) -> None:
    data = dev_api.data(PARTIES, {"who": gid(widely_reported, "Person", "Ines Marlow")})
    edge = data["allegations"]["edges"][0]["node"]["accused"]["edges"][0]
    stored = widely_reported.query(
        "MATCH (:Person {name: 'Ines Marlow'})-[:ACCUSES]->(:Allegation)-[r:AGAINST]->() "
        "RETURN size(r.citation_ids) AS n")[0]["n"]
    assert edge["citationCount"] == stored == SOURCES == len(edge["all"])
    assert len({c["publication"]["url"] for c in edge["all"]}) == SOURCES
    assert edge["byDefault"] == edge["all"][:EDGE_CITATIONS]
    assert [c["publication"] for c in edge["two"]] == [
        c["publication"] for c in edge["all"][:2]]
    assert edge["none"] == []


def test_a_citation_page_over_a_hundred_or_negative_is_refused(
    widely_reported: Graph, dev_api: Api
) -> None:
    who = {"who": gid(widely_reported, "Person", "Ines Marlow")}
    for bad, code in (("101", "PAGE_TOO_LARGE"), ("-1", "INVALID_INPUT")):
        query = PARTIES.replace("first: 100", f"first: {bad}")
        assert codes(dev_api.post(query, who)) == [code]


def test_the_total_leaves_out_rejected_and_retracted_only_allegations(
    widely_reported: Graph, dev_api: Api
) -> None:
    def totals() -> tuple[int, int, int]:
        default = dev_api.data("{ allegations(first: 100) { totalCount edges { cursor } } }")
        wide = dev_api.data("{ allegations(includeRetracted: true) { totalCount } }")
        listed = len(default["allegations"]["edges"])
        return (default["allegations"]["totalCount"], listed,
                wide["allegations"]["totalCount"])

    every = widely_reported.query("MATCH (a:Allegation) RETURN count(a) AS n")[0]["n"]
    assert every >= 2
    assert totals() == (every, every, every)
    first, second = [r["id"] for r in widely_reported.query(
        "MATCH (a:Allegation) RETURN a.id AS id ORDER BY id LIMIT 2")]
    mark = "MATCH (a:Allegation {id: $id}) SET a += $props"
    widely_reported.query(mark, id=first, props={"review": "rejected"})
    assert totals() == (every - 1, every - 1, every - 1)
    widely_reported.query(mark, id=second, props={"unsupported": True})
    assert totals() == (every - 2, every - 2, every - 1)
    widely_reported.query(mark, id=first, props={"unsupported": True})  # both: left out once
    assert totals() == (every - 2, every - 2, every - 1)
