"""`kb serve --workers 2`: two processes answer on one port (real HTTP, real Neo4j)."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from tests.api_helpers import free_port, token
from tests.conftest import REPO, Graph


@pytest.mark.slow
def test_serve_with_two_workers_answers_queries(graph: Graph) -> None:
    secret = token(graph, "reader")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "--workers", "2",
                             "--port", str(port)], env=graph.env(), cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the workers did not become ready"
            time.sleep(0.2)
        with httpx.Client(base_url=url, timeout=30) as client:
            for _ in range(6):
                body = client.post("/graphql", json={"query": "{ people { totalCount } }"},
                                   headers={"Authorization": f"Bearer {secret}"}).json()
                assert body == {"data": {"people": {"totalCount": 0}}}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert b"2 workers" in (proc.stderr.read() if proc.stderr else b"")
