"""Reading the graph through the GraphQL API (real HTTP, real Neo4j)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api_helpers import Api, codes, gid, load
from tests.conftest import Graph


@pytest.fixture
def seeded(graph: Graph, seed_report: dict[str, Any]) -> Graph:
    load(graph, seed_report)
    return graph


CITATION = "citations { quote start end verified publication { id dbId title } }"


def test_marlows_allegation_cites_the_publication_text_at_its_offsets(
    seeded: Graph, dev_api: Api
) -> None:
    marlow = gid(seeded, "Person", "Ines Marlow")
    data = dev_api.data("""
      query ($who: ID!) {
        allegations(filter: {accuser: $who}) {
          totalCount
          edges { node { summary status
            accusers { edges { node { name } CITATION } }
            accused { edges { node { name } CITATION } } } }
        }
      }""".replace("CITATION", CITATION), {"who": marlow})
    edges = data["allegations"]["edges"]
    assert data["allegations"]["totalCount"] == 1
    allegation = edges[0]["node"]
    assert allegation["summary"] == "rape"
    assert [e["node"]["name"] for e in allegation["accusers"]["edges"]] == ["Ines Marlow"]
    against = allegation["accused"]["edges"]
    assert [e["node"]["name"] for e in against] == ["Conrad Vale"]
    citation = against[0]["citations"][0]
    text = seeded.query("MATCH (p:Publication {id: $id}) RETURN p.text AS t",
                        id=citation["publication"]["dbId"])[0]["t"]
    assert citation["quote"] == text[citation["start"]:citation["end"]]
    assert citation["quote"] == "Ines Marlow, who has accused Vale of raping her"
    assert citation["verified"] is True


def test_connections_from_quill_to_vale_go_through_marlow_and_her_allegation(
    seeded: Graph, dev_api: Api
) -> None:
    data = dev_api.data("""
      query ($a: ID!, $b: ID!) {
        connections(from: $a, to: $b) {
          length
          hops { type forward
                 from { __typename ... on Entity { name } ... on Allegation { summary } }
                 to { __typename ... on Entity { name } ... on Allegation { summary } }
                 citations { quote verified } }
        }
      }""", {"a": gid(seeded, "Person", "Dana Quill"),
             "b": gid(seeded, "Person", "Conrad Vale")})
    paths = data["connections"]
    assert paths, "no path from Quill to Vale"
    through = [p for p in paths if any(h["to"].get("name") == "Ines Marlow" for h in p["hops"])]
    assert through, paths
    path = through[0]
    assert path["length"] == len(path["hops"]) == 3
    names = [h["from"].get("name") or h["from"].get("summary") for h in path["hops"]]
    names.append(path["hops"][-1]["to"]["name"])
    assert names == ["Dana Quill", "Ines Marlow", "rape", "Conrad Vale"]
    assert [h["type"] for h in path["hops"]] == ["ASSOCIATED_WITH", "ACCUSES", "AGAINST"]
    for hop in path["hops"]:
        assert hop["citations"], hop
        assert all(c["verified"] for c in hop["citations"])


def test_the_timeline_of_vale_is_in_date_order(seeded: Graph, dev_api: Api) -> None:
    data = dev_api.data("""
      query ($e: ID!) {
        timeline(entity: $e) { date kind node { __typename id } citations { quote } }
      }""", {"e": gid(seeded, "Person", "Conrad Vale")})
    events = data["timeline"]
    kinds = {e["kind"] for e in events}
    assert {"ALLEGATION_FACED", "RESPONSE_ISSUED", "REPORTED"} <= kinds
    dates = [e["date"] for e in events]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated)
    assert dates[: len(dated)] == dated, "undated events come last"
    assert all(e["citations"] for e in events)


def test_a_nested_allegation_list_is_one_cypher_statement(seeded: Graph, dev_api: Api) -> None:
    body = dev_api.post("""
      { allegations(first: 50) { totalCount pageInfo { hasNextPage }
          edges { cursor node { summary
            accusers { totalCount edges { node { name aliases } CITATION } }
            accused { edges { node { name ... on Person { description } } CITATION } }
            reportingPublications { edges { node { title } citations { quote } } }
            responses { edges { node { summary } citations { quote } } } } } } }
    """.replace("CITATION", CITATION))
    assert not body.get("errors"), body
    assert len(body["data"]["allegations"]["edges"]) == 2
    assert body["extensions"]["cypherStatements"] == 1


def test_every_relationship_edge_in_the_schema_carries_non_null_citations(
    dev_api: Api
) -> None:
    data = dev_api.data("""
      { __schema { queryType { name } mutationType { name }
          types { name kind fields { name type { kind name ofType { kind name
                  ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }""")
    schema = data["__schema"]
    types = {t["name"]: t for t in schema["types"]}
    roots = {schema["queryType"]["name"], schema["mutationType"]["name"]}

    def named(ref: dict[str, Any]) -> str:
        while ref.get("ofType"):
            ref = ref["ofType"]
        return str(ref["name"])

    checked = 0
    for t in types.values():
        if t["name"] in roots or t["name"].startswith("__") or not t["fields"]:
            continue
        for f in t["fields"]:
            conn = named(f["type"])
            if not conn.endswith("Connection"):
                continue
            edges = next(g for g in types[conn]["fields"] if g["name"] == "edges")
            edge = types[named(edges["type"])]
            cits = next((g for g in edge["fields"] if g["name"] == "citations"), None)
            assert cits is not None, f"{t['name']}.{f['name']}: {edge['name']} lacks citations"
            ref = cits["type"]
            assert ref["kind"] == "NON_NULL" and ref["ofType"]["kind"] == "LIST"
            inner = ref["ofType"]["ofType"]
            assert inner["kind"] == "NON_NULL" and inner["ofType"]["name"] == "Citation"
            checked += 1
    assert checked >= 20


def test_search_finds_names_and_allegation_parties(seeded: Graph, dev_api: Api) -> None:
    data = dev_api.data('{ a: search(text: "Marlow") { __typename name } '
                        'b: search(text: "hotel bars") { name } '
                        'c: search(text: "Quill\\" OR *:*") { name } }')
    assert data["a"][0] == {"__typename": "Person", "name": "Ines Marlow"}
    assert {e["name"] for e in data["b"]} >= {"Conrad Vale"}
    assert all(isinstance(e["name"], str) for e in data["c"])


def test_node_returns_what_a_global_id_names(seeded: Graph, dev_api: Api) -> None:
    vale = gid(seeded, "Person", "Conrad Vale")
    data = dev_api.data('query ($id: ID!) { node(id: $id) { id __typename '
                        '... on Person { name allegationsFaced { totalCount } } } }',
                        {"id": vale})
    assert data["node"]["id"] == vale
    assert data["node"]["name"] == "Conrad Vale"
    assert data["node"]["allegationsFaced"]["totalCount"] == 2
    body = dev_api.post('{ node(id: "bm9wZQ==") { id } }')
    assert codes(body) == ["INVALID_INPUT"]


def test_pages_follow_their_cursors(seeded: Graph, dev_api: Api) -> None:
    first = dev_api.data("{ people(first: 2) { totalCount pageInfo { hasNextPage endCursor } "
                         "edges { node { name } } } }")["people"]
    assert first["totalCount"] == 6 and first["pageInfo"]["hasNextPage"]
    rest = dev_api.data('query ($after: String) { people(first: 10, after: $after) { '
                        'pageInfo { hasNextPage hasPreviousPage } edges { node { name } } } }',
                        {"after": first["pageInfo"]["endCursor"]})["people"]
    names = [e["node"]["name"] for e in first["edges"] + rest["edges"]]
    assert len(names) == 6 and names == sorted(names)
    assert rest["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True}
