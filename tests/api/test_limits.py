"""Hardening: limits, no introspection or suggestions outside development, no batches."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.api.cost import MAX_COST
from kb.api.ids import encode_id
from kb.api.limits import MAX_DEPTH
from kb.store.write import write_report
from loaders.reports import read_report
from tests.api_helpers import Api, codes, gid, token
from tests.conftest import REPO, Graph

REPORTS = REPO / "examples" / "reports"


def load_file(graph: Graph, path: Path) -> None:
    item = read_report(path)
    write_report(graph.driver, graph.database, item.report, item.text, created_by="test")


@pytest.fixture
def reader(graph: Graph) -> str:
    return token(graph, "reader")


# "Allegations this person faces -> their responses -> who issued them and for whom":
# deeper than the old depth limit of 7, and legitimate.
NESTED = """query ($who: ID!, $n: Int) { node(id: $who) { ... on Person { name
  allegationsFaced(first: $n) { totalCount edges {
    citations { quote publication { title url } }
    node { summary status responses { edges { citations { quote } node { type summary
      issuedBy { edges { citations { quote } node { ...Name } } }
      onBehalfOf { edges { node { ...Name } } } } } } } } } } } }
fragment Name on Entity { name }"""

# Four nested pages of 100: up to 200 million objects.
WIDE = """{ allegations(first: 100) { edges { node { accused(first: 100) { edges { node {
  ... on Person { allegationsFaced(first: 100) { edges { node {
    accusers(first: 100) { edges { node { name } } } } } } } } } } } } } }"""


def test_the_nested_responses_question_passes(api: Api, graph: Graph, reader: str) -> None:
    load_file(graph, REPORTS / "harborview-ledger-delgado.yaml")
    who = gid(graph, "Person", "Conrad Delgado")
    data = api.data(NESTED, {"who": who}, token=reader)
    faced = data["node"]["allegationsFaced"]
    response = faced["edges"][0]["node"]["responses"]["edges"][0]["node"]
    assert response["type"] == "denial"
    assert [e["node"]["name"] for e in response["issuedBy"]["edges"]] == ["Lena Whitcombe"]
    assert [e["node"]["name"] for e in response["onBehalfOf"]["edges"]] == ["Conrad Delgado"]


def test_a_wide_query_is_refused_naming_its_cost_and_the_limit(api: Api, reader: str) -> None:
    body = api.post(WIDE, token=reader)
    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    message = body["errors"][0]["message"]
    # Each connection, edge and node: 1 + 100 x (2 + 1 + 100 x (2 + 1 + 100 x (2 + 1 + 100 x 2)))
    assert "203,030,301 objects" in message and f"limit is {MAX_COST:,}" in message
    assert body["data"] is None


def test_the_cost_counts_variables_and_fragments(api: Api, reader: str) -> None:
    who = encode_id("Person", "per_nobody")
    assert codes(api.post(NESTED, {"who": who, "n": 100}, token=reader)) == [
        "QUERY_TOO_COMPLEX"]  # 100 x 20 x 20 pages
    assert not api.post(NESTED, {"who": who, "n": 5}, token=reader).get("errors")
    spread = ("query { ...A } fragment A on Query { allegations(first: 100) { edges { node { "
              "...B } } } } fragment B on Allegation { accused(first: 100) { edges { node { "
              "... on Person { allegationsFaced(first: 100) { edges { node { summary } } } } "
              "} } } }")
    assert codes(api.post(spread, token=reader)) == ["QUERY_TOO_COMPLEX"]


def test_a_query_deeper_than_the_backstop_is_refused(api: Api, reader: str) -> None:
    inner = "name"
    for _ in range(4):  # 4 x (connection, edges, node, fragment) + root: depth 17
        inner = f"allegationsFaced(first: 1) {{ edges {{ node {{ accused(first: 1) {{ edges {{ " \
                f"node {{ ... on Person {{ {inner} }} }} }} }} }} }} }}"
    body = api.post(f"{{ people(first: 1) {{ edges {{ node {{ {inner} }} }} }} }}", token=reader)
    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert f"depth of {MAX_DEPTH}" in body["errors"][0]["message"]


def test_sixteen_aliases_are_refused(api: Api, reader: str) -> None:
    query = "{ " + " ".join(f"a{i}: people {{ totalCount }}" for i in range(16)) + " }"
    assert codes(api.post(query, token=reader)) == ["QUERY_TOO_COMPLEX"]
    ok = "{ " + " ".join(f"a{i}: people {{ totalCount }}" for i in range(15)) + " }"
    assert not api.post(ok, token=reader).get("errors")


def test_more_than_a_thousand_tokens_are_refused(api: Api, reader: str) -> None:
    query = "{ people { " + " ".join(["totalCount"] * 1000) + " } }"
    assert codes(api.post(query, token=reader)) == ["QUERY_TOO_COMPLEX"]


def test_a_page_over_a_hundred_is_refused(api: Api, reader: str) -> None:
    assert codes(api.post("{ people(first: 101) { totalCount } }", token=reader)) == [
        "PAGE_TOO_LARGE"]
    nested = "{ allegations { edges { node { accused(first: 101) { totalCount } } } } }"
    assert codes(api.post(nested, token=reader)) == ["PAGE_TOO_LARGE"]
    assert not api.post("{ people(first: 100) { totalCount } }", token=reader).get("errors")


def test_introspection_and_suggestions_are_off_outside_development(
    api: Api, dev_api: Api, reader: str
) -> None:
    body = api.post("{ __schema { types { name } } }", token=reader)
    assert set(codes(body)) == {"INTROSPECTION_DISABLED"}
    typo = api.post("{ peple { totalCount } }", token=reader)
    assert codes(typo) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "Did you mean" not in typo["errors"][0]["message"]
    dev = dev_api.post("{ peple { totalCount } }")
    assert "Did you mean 'people'?" in dev["errors"][0]["message"]
    assert dev_api.post("{ __schema { queryType { name } } }")["data"]


def test_graphiql_is_served_only_in_development(api: Api, dev_api: Api) -> None:
    assert "graphiql" in dev_api.client.get("/graphql",
                                            headers={"Accept": "text/html"}).text.lower()
    assert api.client.get("/graphql", headers={"Accept": "text/html"}).status_code != 200


def test_a_batched_request_is_refused(api: Api, reader: str) -> None:
    response = api.client.post("/graphql", json=[{"query": "{ people { totalCount } }"}] * 2,
                               headers={"Authorization": f"Bearer {reader}"})
    assert response.status_code == 400


def test_a_mutation_over_get_is_refused(api: Api, graph: Graph) -> None:
    editor = token(graph, "editor")
    response = api.client.get("/graphql", params={
        "query": 'mutation { createPerson(name: "Via Get") { id } }'},
        headers={"Authorization": f"Bearer {editor}"})
    assert response.status_code in (400, 405), response.text
    assert "mutations are not allowed" in response.text.lower()
    assert not graph.query("MATCH (p:Person {name: 'Via Get'}) RETURN p")


def test_an_over_size_body_gets_413(api: Api, reader: str) -> None:
    query = "{ people { totalCount } }" + " " * 30_000
    response = api.client.post("/graphql", json={"query": query},
                               headers={"Authorization": f"Bearer {reader}"})
    assert response.status_code == 413

    def chunks():  # type: ignore[no-untyped-def]  # no Content-Length: counted as it streams
        for _ in range(30):
            yield b" " * 1000

    response = api.client.post("/graphql", content=chunks(),
                               headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_health_and_readiness(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    assert api.client.get("/readyz").json() == {"status": "ready"}


def test_errors_have_codes_and_internal_errors_are_masked(api: Api, reader: str) -> None:
    body = api.post("{ people(after: \"garbage\") { totalCount } }", token=reader)
    assert codes(body) == ["INVALID_INPUT"]
    body = api.post('{ node(id: "UGVyc29uOg==") { id } }', token=reader)
    assert codes(body) == ["INVALID_INPUT"]
    body = api.post("{ people { totalCount", token=reader)
    assert codes(body) == ["GRAPHQL_PARSE_FAILED"]
