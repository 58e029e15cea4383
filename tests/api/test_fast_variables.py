"""A request with variables is completed by the fast path too (graphql-core 3.3 wraps the
coerced values: the fast path once failed to read them and fell back, 4x slower)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from kb.api import execution
from kb.api.context import Context, Db
from kb.api.schema import build_schema
from kb.settings import Settings
from kb.store.connection import open_async_driver
from tests.api_helpers import gid, load
from tests.conftest import Graph

PAGE = """query ($after: String, $n: Int) { allegations(first: $n, after: $after) {
  pageInfo { endCursor } edges { node { summary accused(first: $n) { edges { node { name } } } } }
} }"""
PATHS = """query ($a: ID!, $b: ID!) { connections(from: $a, to: $b) { length
  hops { type citations { quote } } } }"""


@pytest.fixture
def seeded(graph: Graph, seed_report: dict[str, Any]) -> Graph:
    load(graph, seed_report)
    return graph


async def _fast(graph: Graph, query: str, variables: dict[str, Any]) -> tuple[Any, int]:
    """The answer, and how many times the standard completion ran below a root field."""
    driver = open_async_driver(graph.target)
    standard = 0
    base = execution.StrawberryGraphQLCoreExecutionContext  # graphql-core's completion
    original = base.complete_value

    def counting(self: Any, *args: Any) -> Any:
        nonlocal standard
        standard += 1
        return original(self, *args)

    base.complete_value = counting  # type: ignore[method-assign]
    try:
        ctx = Context(None, Db(driver, graph.database), Settings(KB_DEV=True), None)
        result = await build_schema(dev=True).execute(query, variable_values=variables,
                                                      context_value=ctx)
    finally:
        base.complete_value = original  # type: ignore[method-assign]
        await driver.close()
    assert not result.errors, result.errors
    return result.data, standard


@pytest.mark.parametrize("after", [None, "b2Zmc2V0OjA="])
def test_a_page_asked_with_variables_is_completed_by_the_fast_path(
    seeded: Graph, after: str | None
) -> None:
    data, standard = asyncio.run(_fast(seeded, PAGE, {"after": after, "n": 2}))
    assert standard == 0
    assert isinstance(data["allegations"]["edges"], list)
    if after is None:
        assert data["allegations"]["edges"][0]["node"]["accused"]["edges"]


def test_paths_asked_with_variables_are_completed_by_the_fast_path(seeded: Graph) -> None:
    ids = {"a": gid(seeded, "Person", "Dana Quill"), "b": gid(seeded, "Person", "Conrad Vale")}
    data, standard = asyncio.run(_fast(seeded, PATHS, ids))
    assert standard == 0
    assert data["connections"] and data["connections"][0]["hops"][0]["citations"]
