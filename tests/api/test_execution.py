"""The fast completion of compiled rows answers exactly as graphql-core's own would."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from kb.api.context import Context, Db
from kb.api.ids import encode_id
from kb.api.schema import build_schema
from kb.settings import Settings
from kb.store.connection import open_async_driver
from tests.api_helpers import gid, load
from tests.conftest import Graph

CITED = """
fragment Cited on Citation { id dbId quote start end verified contextBefore contextAfter
  createdAt confidence publication { id title published retrieved authors sha256 } }
"""
WHO = """
fragment Who on Entity { __typename id name aliases description
  ... on Organisation { dbId } }
"""
QUERIES = [
    """{ allegations(first: 5) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor }
         edges { cursor node { __typename id dbId summary categories firstReported unsupported
           independentSources
           accusers { edges { node { ...Who } citations { ...Cited } relationshipId unsupported
                              explain { relationshipType start { __typename id } end { id }
                                        citations { quote createdBy } } } }
           a2: accused(first: 1) { totalCount edges { node { name } } }
           responses { edges { node { __typename ... on Denial { summary kind } } } } } } } }""",
    """query ($w: ID!) { timeline(entity: $w) { date kind relationshipType
         node { __typename id ... on Allegation { summary } ... on Publication { title }
                ... on Response { summary } } citations { quote } } }""",
    """query ($a: ID!, $b: ID!) { connections(from: $a, to: $b) { length hops { type forward
         from { __typename id } to { __typename ... on Entity { name } } citations { quote }
         explain { relationshipId } } } }""",
    """{ search(text: "Vale") { __typename id ...Who } }""",
    """{ people(first: 3, includeRetracted: true) { edges { node { name
         allegationsFaced { edges { node { summary } } }
         affiliations { totalCount pageInfo { hasNextPage endCursor }
                        edges { cursor role node { name } citations { ...Cited } } } } } }
       organisations { totalCount edges { node { name members { edges { node { name } } } } } }
       publications { edges { node { title outlet retracted allegations { totalCount } } } } }""",
    """query ($w: ID!, $c: ID!) { p: node(id: $w) { __typename id ...Who }
         c: node(id: $c) { __typename ...Cited } }""",
    # Abstract types read alike on every possible type: rows come without `_t`.
    """{ allegations(first: 5) { edges { node { accusers { edges { node { name
           ... on Entity { aliases } } } } } } }
       search(text: "Vale") { name description } }""",
]


async def _run(graph: Graph, query: str, variables: dict[str, Any], fast: bool
               ) -> tuple[Any, list[tuple[str, list[Any]]]]:
    driver = open_async_driver(graph.target)
    try:
        ctx = Context(None, Db(driver, graph.database), Settings(KB_DEV=True), None)
        result = await build_schema(dev=True, fast=fast).execute(
            query, variable_values=variables, context_value=ctx)
    finally:
        await driver.close()
    return result.data, [(e.message, list(e.path or [])) for e in result.errors or []]


@pytest.fixture
def seeded(graph: Graph, seed_report: dict[str, Any]) -> Graph:
    load(graph, seed_report)
    return graph


def test_fast_and_standard_completion_agree(seeded: Graph) -> None:
    citation = seeded.query("MATCH (c:Citation) RETURN c.id AS id ORDER BY id LIMIT 1")[0]["id"]
    variables = {"w": gid(seeded, "Person", "Conrad Vale"),
                 "a": gid(seeded, "Person", "Dana Quill"),
                 "b": gid(seeded, "Person", "Conrad Vale"),
                 "c": encode_id("Citation", citation)}
    for query in QUERIES:
        text = query + (CITED if "...Cited" in query else "") + (WHO if "...Who" in query else "")
        used = {k: v for k, v in variables.items() if f"${k}" in text}
        fast = asyncio.run(_run(seeded, text, used, fast=True))
        slow = asyncio.run(_run(seeded, text, used, fast=False))
        assert fast == slow, text
        assert fast[0] and not fast[1], fast
        assert all(fast[0].values()), fast


def test_a_row_the_fast_path_cannot_complete_falls_back_to_the_standard_errors(
    seeded: Graph
) -> None:
    # A person without aliases breaks `aliases: [String!]!`: the same error either way.
    seeded.query("CREATE (:Person {id: 'per_broken', name: 'Aaron Broken'})")
    query = "{ people(first: 2) { edges { node { name aliases } } } }"
    fast = asyncio.run(_run(seeded, query, {}, fast=True))
    slow = asyncio.run(_run(seeded, query, {}, fast=False))
    assert fast == slow
    assert fast[1] and fast[1][0][1] == ["people", "edges", 0, "node", "aliases"]
