"""Token lookups are cached briefly per process: one statement a request, and a revoked
token stops working within the cache's lifetime (real HTTP, real Neo4j)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from kb.store.tokens import create_token, revoke_token
from tests.api_helpers import Api, codes, start_server
from tests.conftest import Graph

QUERY = "{ people(first: 1) { totalCount } }"


@pytest.fixture(scope="module")
def cached_api(session_graph: Graph) -> Iterator[Api]:
    yield from start_server(session_graph, KB_DEV=True, KB_TOKEN_CACHE_SECONDS=1)


@pytest.fixture(scope="module")
def uncached_api(session_graph: Graph) -> Iterator[Api]:
    yield from start_server(session_graph, KB_DEV=True, KB_TOKEN_CACHE_SECONDS=0)


def statements(body: dict[str, object]) -> object:
    return body.get("extensions", {}).get("cypherStatements")  # type: ignore[union-attr]


def test_a_known_token_costs_no_second_statement(graph: Graph, cached_api: Api) -> None:
    secret, _ = create_token(graph.driver, graph.database, "reader", "cache")
    first = cached_api.post(QUERY, token=secret)
    again = cached_api.post(QUERY, token=secret)
    assert not first.get("errors") and not again.get("errors")
    assert (statements(first), statements(again)) == (2, 1)


def test_a_revoked_token_stops_working_within_the_cache_lifetime(
    graph: Graph, cached_api: Api
) -> None:
    secret, token_id = create_token(graph.driver, graph.database, "reader", "revoked")
    assert not cached_api.post(QUERY, token=secret).get("errors")
    assert revoke_token(graph.driver, graph.database, token_id)
    time.sleep(1.2)
    body = cached_api.post(QUERY, token=secret)
    assert codes(body) and codes(body)[0] in ("FORBIDDEN", "UNAUTHENTICATED")


def test_without_a_cache_revocation_is_immediate(graph: Graph, uncached_api: Api) -> None:
    secret, token_id = create_token(graph.driver, graph.database, "reader", "now")
    body = uncached_api.post(QUERY, token=secret)
    assert not body.get("errors") and statements(body) == 2
    assert revoke_token(graph.driver, graph.database, token_id)
    body = uncached_api.post(QUERY, token=secret)
    assert codes(body) and codes(body)[0] in ("FORBIDDEN", "UNAUTHENTICATED")


def test_an_unknown_token_is_never_cached(graph: Graph, cached_api: Api) -> None:
    body = cached_api.post(QUERY, token="kb_not-a-real-token")
    assert codes(body) and codes(body)[0] in ("FORBIDDEN", "UNAUTHENTICATED")
    secret, _ = create_token(graph.driver, graph.database, "reader", "fresh")
    assert not cached_api.post(QUERY, token=secret).get("errors")  # new tokens work at once
