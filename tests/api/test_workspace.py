"""The root fields the workspace draws from: `neighbourhood`, `supportedBy`, `describe`
(real HTTP, real Neo4j, fictional reports)."""

from __future__ import annotations

from typing import Any

import pytest

from kb.api.ids import encode_id
from tests.api_helpers import Api, codes, gid, load, pub_gid, token
from tests.conftest import Graph

TEXT = ("Ines Corvey accused Pim Dunmore of embezzling club funds. Dunmore's lawyer, "
        "Sol Elstob, said the claim was false. Dunmore chairs the Gorse Rowing Club.")
REPORT: dict[str, Any] = {
    "publication": {"title": "Rowing club row", "outlet": "The Weir Post",
                    "published": "2024-04-04", "text": TEXT},
    "people": ["Ines Corvey", {"name": "Pim Dunmore", "aliases": ["Dunmore"]}, "Sol Elstob"],
    "organisations": ["Gorse Rowing Club"],
    "allegations": [{"accuser": "Ines Corvey", "accused": "Pim Dunmore",
                     "summary": "embezzling club funds",
                     "quote": "Ines Corvey accused Pim Dunmore of embezzling club funds"}],
    "denials": [{"denier": "Pim Dunmore", "via": "Sol Elstob",
                 "quote": "Sol Elstob, said the claim was false"}],
    "relations": [{"kind": "affiliation", "person": "Pim Dunmore",
                   "organisation": "Gorse Rowing Club", "role": "chair",
                   "quote": "Dunmore chairs the Gorse Rowing Club"}],
}
HOP = ("type relationshipId role from { __typename ... on Entity { name } "
       "... on Allegation { summary } } to { __typename ... on Entity { name } "
       "... on Allegation { summary } } citations { quote start end }")


@pytest.fixture
def club(graph: Graph) -> Graph:
    load(graph, REPORT)
    return graph


def _names(hop: dict[str, Any]) -> tuple[str, str, str]:
    side = lambda n: n.get("name") or n.get("summary") or n["__typename"]  # noqa: E731
    return side(hop["from"]), hop["type"], side(hop["to"])


def test_neighbourhood_of_an_entity_brings_its_claims_other_parties(club: Graph,
                                                                     dev_api: Api) -> None:
    body = dev_api.post(f"query($id: ID!) {{ neighbourhood(of: $id) {{ {HOP} }} }}",
                        {"id": gid(club, "Person", "Pim Dunmore")})
    hops = body["data"]["neighbourhood"]
    seen = {_names(h) for h in hops}
    assert ("Ines Corvey", "ACCUSES", "embezzling club funds") in seen  # two steps away
    assert ("Sol Elstob", "ISSUED", "Denial") in seen  # the lawyer, via the denial
    assert ("Pim Dunmore", "AFFILIATED_WITH", "Gorse Rowing Club") in seen
    chair = next(h for h in hops if h["type"] == "AFFILIATED_WITH")
    assert chair["role"] == "chair"
    for hop in hops:  # every drawn line has its evidence
        assert hop["citations"] and all(c["quote"] == TEXT[c["start"]:c["end"]]
                                        for c in hop["citations"])
    assert body["extensions"]["cypherStatements"] == 1


def test_supported_by_lists_every_relationship_a_publication_cites(club: Graph,
                                                                   dev_api: Api) -> None:
    data = dev_api.data(f"query($p: ID!) {{ supportedBy(publication: $p) {{ {HOP} }} }}",
                        {"p": pub_gid(club)})
    types = sorted(h["type"] for h in data["supportedBy"])
    assert types == sorted(["ACCUSES", "AGAINST", "REPORTS", "ISSUED", "ON_BEHALF_OF",
                            "RESPONDS_TO", "AFFILIATED_WITH"])


def test_describe_names_graph_ids_and_leaves_out_unknown_ones(club: Graph,
                                                              dev_api: Api) -> None:
    alg = club.query("MATCH (a:Allegation) RETURN a.id AS id")[0]["id"]
    rel = club.query("MATCH ()-[r:AFFILIATED_WITH]->() RETURN r.id AS id")[0]["id"]
    cit = club.query("MATCH ()-[r:AFFILIATED_WITH]->() RETURN r.citation_ids[0] AS id")[0]["id"]
    data = dev_api.data("query($ids: [String!]!) { describe(ids: $ids) { dbId "
                        "node { __typename ... on Allegation { summary } } "
                        f"relationship {{ {HOP} }} "
                        "citation { quote publication { title } } } }",
                        {"ids": [alg, "nope", rel, cit]})
    found = data["describe"]
    assert [d["dbId"] for d in found] == [alg, rel, cit]
    assert found[2]["citation"] == {"quote": "Dunmore chairs the Gorse Rowing Club",
                                    "publication": {"title": "Rowing club row"}}
    assert found[0]["node"]["summary"] == "embezzling club funds"
    assert _names(found[1]["relationship"]) == ("Pim Dunmore", "AFFILIATED_WITH",
                                                "Gorse Rowing Club")


@pytest.mark.parametrize(("query", "variables", "code", "words"), [
    ("query($id: ID!) { neighbourhood(of: $id) { type } }",
     {"id": encode_id("Publication", "pub_x")}, "INVALID_INPUT", "expected a Entity"),
    ("query($id: ID!) { neighbourhood(of: $id, first: 501) { type } }",
     {"id": encode_id("Person", "per_x")}, "INVALID_INPUT", "between 1 and 500"),
    ("query($id: ID!) { supportedBy(publication: $id) { type } }",
     {"id": "garbage"}, "INVALID_INPUT", "not an id of this API"),
    ("query($ids: [String!]!) { describe(ids: $ids) { dbId } }",
     {"ids": ["x"] * 201}, "INVALID_INPUT", "at most 200"),
])
def test_bad_input_is_refused_with_what_is_wrong(dev_api: Api, query: str,
                                                 variables: dict[str, Any], code: str,
                                                 words: str) -> None:
    body = dev_api.post(query, variables)
    assert codes(body) == [code]
    assert words in body["errors"][0]["message"]


def test_workspace_fields_need_a_token_outside_dev_mode(club: Graph, api: Api) -> None:
    query = "query($id: ID!) { neighbourhood(of: $id) { type } }"
    variables = {"id": gid(club, "Person", "Pim Dunmore")}
    assert codes(api.post(query, variables)) == ["UNAUTHENTICATED"]
    assert api.data(query, variables, token=token(club, "reader"))["neighbourhood"]
