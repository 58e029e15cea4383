"""Hostile requests to the API: each gets a clear GraphQL error, never a 500 or a masked one."""

from __future__ import annotations

import pytest

from tests.api_helpers import Api, codes, token
from tests.conftest import Graph


@pytest.mark.parametrize("body", [b"null", b"123", b'"s"', b"[]", b"\xff\xfe{}",
                                  b'{"query": "{ __typename }", "query": "{ x }"}',
                                  b"{" * 5000])
def test_a_body_that_is_not_one_graphql_request_is_a_400_with_a_code(
    dev_api: Api, body: bytes
) -> None:
    response = dev_api.client.post("/graphql", content=body,
                                   headers={"content-type": "application/json"})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert error["message"]


def test_a_wrong_content_type_is_a_400_in_the_same_shape(dev_api: Api) -> None:
    response = dev_api.client.post("/graphql", content=b"query=x",
                                   headers={"content-type": "text/plain"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_a_lone_surrogate_in_any_string_argument_is_invalid_input(dev_api: Api) -> None:
    # json.dumps would escape it as \ud800, which is valid JSON and decodes to a lone surrogate.
    body = '{"query": "query ($t: String!) { search(text: $t) { __typename } }", ' \
           '"variables": {"t": "Mint\\ud800"}}'
    response = dev_api.client.post("/graphql", content=body.encode(),
                                   headers={"content-type": "application/json"})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert "U+D800" in error["message"]


def test_the_dev_token_limit_is_not_skipped_for_a_schema_mention(dev_api: Api) -> None:
    fields = " ".join(["__typename"] * 1100)  # no aliases: only the token limit applies
    for query in (f"# __schema\n{{ {fields} }}",
                  f'{{ __schema {{ queryType {{ name }} }} {fields} }}'):
        assert codes(dev_api.post(query)) == ["QUERY_TOO_COMPLEX"]


def test_graphiql_introspection_still_passes_the_dev_token_limit(dev_api: Api) -> None:
    from graphql import get_introspection_query

    body = dev_api.post(get_introspection_query())
    assert not body.get("errors") and body["data"]["__schema"]["queryType"]["name"] == "Query"


def test_a_nul_in_a_name_is_refused_and_nothing_is_written(graph: Graph, api: Api) -> None:
    editor = token(graph, "editor")
    body = api.post('mutation ($n: String!) { createPerson(name: $n) { id } }',
                    {"n": "Harold\u0000Mint"}, token=editor)
    assert codes(body) == ["INVALID_INPUT"]
    assert "U+0000" in body["errors"][0]["message"]
    assert not graph.query("MATCH (p:Person) RETURN p")


def test_no_token_is_unauthenticated_and_a_low_role_is_forbidden(graph: Graph, api: Api) -> None:
    query = 'mutation { createPerson(name: "Someone New") { id } }'
    assert codes(api.post(query)) == ["UNAUTHENTICATED"]
    assert codes(api.post(query, token="kb_unknown")) == ["UNAUTHENTICATED"]
    response = api.client.post("/graphql", json={"query": query},
                               headers={"Authorization": "Basic abc"})
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert codes(api.post(query, token=token(graph, "reader"))) == ["FORBIDDEN"]
    assert not graph.query("MATCH (p:Person) RETURN p")
