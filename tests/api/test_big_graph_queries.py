"""Query shapes that stay fast on big graphs keep their answers: hubs, index-ordered pages.

All people, outlets and publications are invented for these tests.
"""

from __future__ import annotations

from typing import Any

from kb.api.cypher.roots import paths_statement
from kb.api.paths import HUB_DEGREE
from tests.api_helpers import Api, gid, load
from tests.conftest import Graph


def _report(n: int, accuser: str, accused: str, outlet: str,
            published: str | None) -> dict[str, Any]:
    quote = f"{accuser} accused {accused} of fraud, {outlet} reported (item {n})"
    pub: dict[str, Any] = {"title": f"Item {n}", "outlet": "The Brackwater Herald",
                           "url": f"https://brackwater.example.org/{n}", "text": quote + "."}
    if published:
        pub["published"] = published
    return {"publication": pub, "people": [accuser, accused], "organisations": [outlet],
            "allegations": [{"accuser": accuser, "accused": accused, "summary": "fraud",
                             "quote": quote, "reported_by": [outlet]}]}


def _ids(graph: Graph, *names: str) -> list[tuple[str, str]]:
    rows = graph.query("MATCH (p:Person) WHERE p.name IN $names RETURN p.name AS n, p.id AS id",
                       names=list(names))
    by_name = {r["n"]: r["id"] for r in rows}
    return [("Person", by_name[n]) for n in names]


def test_paths_do_not_walk_through_a_node_above_the_hub_degree(graph: Graph) -> None:
    # Ilse and Bartholomew are linked only through the outlet that reported five allegations.
    load(graph, _report(1, "Ilse Farrowdale", "Corvin Ashgrove", "The Dunmere Signal", None))
    load(graph, _report(2, "Petra Nolloway", "Bartholomew Kesk", "The Dunmere Signal", None))
    for n in range(3, 6):
        load(graph, _report(n, f"Accuser{n} Holloway", f"Accused{n} Merriden",
                            "The Dunmere Signal", None))
    start, end = _ids(graph, "Ilse Farrowdale", "Bartholomew Kesk")
    open_search = paths_statement(start, end, 4, [])
    assert [r["length"] for r in graph.query(open_search.text, **open_search.params)] == [4]
    # Each allegation has 4 relationships, the outlet 5: above a limit of 4 it is a hub.
    bounded = paths_statement(start, end, 4, [], hub_degree=4)
    assert graph.query(bounded.text, **bounded.params) == []
    # The ends may be hubs themselves: Ilse still reaches the outlet.
    outlet = graph.query("MATCH (o:Organisation) RETURN o.id AS id")[0]["id"]
    to_hub = paths_statement(start, ("Organisation", outlet), 4, [], hub_degree=4)
    assert [r["length"] for r in graph.query(to_hub.text, **to_hub.params)] == [2]


def test_connections_say_the_hub_limit_in_the_answer(graph: Graph, dev_api: Api) -> None:
    load(graph, _report(1, "Ilse Farrowdale", "Corvin Ashgrove", "The Dunmere Signal", None))
    load(graph, _report(2, "Petra Nolloway", "Bartholomew Kesk", "The Dunmere Signal", None))
    paths = dev_api.data(
        "query ($a: ID!, $b: ID!) { connections(from: $a, to: $b) { length hubDegreeLimit } }",
        {"a": gid(graph, "Person", "Ilse Farrowdale"),
         "b": gid(graph, "Person", "Bartholomew Kesk")})["connections"]
    assert paths == [{"length": 4, "hubDegreeLimit": HUB_DEGREE}]


PAGE = """query ($after: String) { allegations(first: 2, after: $after) {
  edges { node { id firstReported } } pageInfo { hasNextPage endCursor } totalCount } }"""


def test_allegation_pages_put_undated_ones_last_and_lose_none(
        graph: Graph, dev_api: Api) -> None:
    dates = ["2021-03-04", None, "2019-01-02", None, "2021-03-04", "2020-07-08", None]
    for n, date in enumerate(dates):
        load(graph, _report(n, f"Accuser{n} Holloway", f"Accused{n} Merriden",
                            "The Dunmere Signal", date))
    seen: list[dict[str, Any]] = []
    after = None
    while True:
        page = dev_api.data(PAGE, {"after": after})["allegations"]
        assert page["totalCount"] == len(dates)
        seen += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    expected = graph.query("MATCH (v:Allegation) RETURN v.id AS id "
                           "ORDER BY v.first_reported, v.id")
    assert len(seen) == len(dates)
    assert [s["firstReported"] for s in seen] == sorted(
        [d for d in dates if d]) + [None] * dates.count(None)
    assert [gid_ for gid_ in (s["id"] for s in seen)] == [
        _global("Allegation", r["id"]) for r in expected]


def _global(label: str, db_id: str) -> str:
    from kb.api.ids import encode_id

    return encode_id(label, db_id)


def test_the_total_leaves_out_allegations_whose_sources_were_all_retracted(
        graph: Graph, dev_api: Api) -> None:
    from kb.store.retract import retract

    for n, date in enumerate(["2021-03-04", None, "2019-01-02"]):
        load(graph, _report(n, f"Accuser{n} Holloway", f"Accused{n} Merriden",
                            "The Dunmere Signal", date))
    retract(graph.driver, graph.database, "https://brackwater.example.org/2", "test", "test")
    page = dev_api.data(PAGE, {"after": None})["allegations"]
    assert page["totalCount"] == 2
    assert [e["node"]["firstReported"] for e in page["edges"]] == ["2021-03-04", None]
    listed = dev_api.data("{ allegations(includeRetracted: true) { totalCount } }")
    assert listed["allegations"]["totalCount"] == 3
