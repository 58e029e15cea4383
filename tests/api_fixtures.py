"""API fixtures, loaded for every test by ``pytest_plugins`` in tests/conftest.py.

One server per test module for each mode (started once, shared by its tests).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api_helpers import Api, start_server
from tests.conftest import Graph


@pytest.fixture(scope="module")
def dev_api(session_graph: Graph) -> Iterator[Api]:
    """Development mode: introspection, anonymous reads, statement counts in `extensions`."""
    yield from start_server(session_graph, KB_DEV=True)


@pytest.fixture(scope="module")
def api(session_graph: Graph) -> Iterator[Api]:
    """Production mode: no introspection, no anonymous reads."""
    yield from start_server(session_graph, KB_DEV=False, KB_MAX_BODY_BYTES=20_000)
