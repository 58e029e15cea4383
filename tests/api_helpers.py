"""Helpers for the API tests: a real uvicorn server on a free loopback port, and a client.

The servers use the test Neo4j (the ``graph`` fixture wipes it between tests);
tokens live in the database, so tests create them after the wipe.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn

from kb.api.app import create_app
from kb.api.ids import encode_id
from kb.db.server import free_port
from kb.settings import Settings
from kb.store.tokens import create_token
from kb.store.write import write_report
from loaders.reports import parse_report
from tests.conftest import Graph


@dataclass
class Api:
    """A running server and a client for it."""

    url: str
    client: httpx.Client

    def post(self, query: str, variables: dict[str, Any] | None = None,
             token: str | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.client.post("/graphql", json={"query": query,
                                                      "variables": variables or {}},
                                    headers=headers)
        return dict(response.json())

    def data(self, query: str, variables: dict[str, Any] | None = None,
             token: str | None = None) -> dict[str, Any]:
        """The data of a request that must succeed."""
        body = self.post(query, variables, token)
        assert not body.get("errors"), body["errors"]
        return dict(body["data"])


def codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


def start_server(graph: Graph, **settings: Any) -> Iterator[Api]:
    port = free_port()
    app = create_app(Settings(**settings), graph.target)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    url = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=url, timeout=30) as client:
        yield Api(url, client)
    server.should_exit = True
    thread.join(timeout=10)


def token(graph: Graph, role: str) -> str:
    secret, _ = create_token(graph.driver, graph.database, role, f"test-{role}")
    return secret


def load(graph: Graph, data: dict[str, Any]) -> None:
    report, text = parse_report(copy.deepcopy(data))
    write_report(graph.driver, graph.database, report, text, created_by="test")


def gid(graph: Graph, label: str, name: str) -> str:
    """The global id of the entity with this name."""
    rows = graph.query(f"MATCH (n:{label} {{name: $name}}) RETURN n.id AS id", name=name)
    assert rows, f"no {label} named {name}"
    return encode_id(label, rows[0]["id"])


def pub_gid(graph: Graph) -> str:
    rows = graph.query("MATCH (p:Publication) RETURN p.id AS id ORDER BY id LIMIT 1")
    return encode_id("Publication", rows[0]["id"])
