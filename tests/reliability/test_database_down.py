"""Neo4j stopped and restarted under a running API: fast, clear failures, then recovery.

Uses a server of its own (not the suite's), since it stops it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.db.server import LocalServer
from kb.settings import Settings
from kb.store.connection import Target, resolve_target
from tests.api_helpers import Api, codes, free_port, serve

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    home = tmp_path_factory.mktemp("down") / "kb"
    server = LocalServer(Settings(KB_HOME=home, KB_BOLT_PORT=free_port()))
    server.start(say=lambda line: None)
    yield server
    server.stop(say=lambda line: None)


def kb_cli(target: Target, *args: str,
           password: str | None = None) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = dict(os.environ, NEO4J_URI=target.uri, NEO4J_USER=target.user,
               NEO4J_PASSWORD=password or target.password)
    began = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kb", *args], env=env, capture_output=True,
                          text=True, cwd=REPO, check=False, timeout=120)
    return time.monotonic() - began, proc


def timed_get(api: Api, path: str) -> tuple[float, int]:
    began = time.monotonic()
    status = api.client.get(path).status_code
    return time.monotonic() - began, status


def test_the_local_server_keeps_its_secrets_to_its_owner(own_server: LocalServer) -> None:
    assert own_server.home.stat().st_mode & 0o777 == 0o700
    assert own_server.data_dir.stat().st_mode & 0o777 == 0o700
    auth = own_server.data_dir / "dbms" / "auth.ini"
    assert auth.stat().st_mode & 0o777 == 0o600


def test_a_stopped_database_fails_fast_and_the_api_recovers(own_server: LocalServer) -> None:
    target = resolve_target(own_server.settings, start=False)
    query = "{ people { totalCount } }"
    api_gen = serve(target, KB_DEV=True)
    api = next(api_gen)
    try:
        assert api.client.get("/readyz").status_code == 200
        assert api.data(query)["people"]["totalCount"] == 0

        own_server.stop(say=lambda line: None)

        took, status = timed_get(api, "/readyz")
        assert status == 503 and took < 3.0, f"readiness said {status} after {took:.1f} s"
        began = time.monotonic()
        body = api.post(query)
        took = time.monotonic() - began
        assert codes(body) == ["DATABASE_UNAVAILABLE"] and took < 8.0, f"{body} after {took:.1f} s"
        took, proc = kb_cli(target, "show", "Nobody")
        assert proc.returncode != 0 and "Traceback" not in proc.stderr
        assert proc.stderr.startswith("kb: error:") and "not reachable" in proc.stderr
        assert took < 20.0, f"the CLI took {took:.1f} s to say so"

        own_server.start(say=lambda line: None)
        deadline = time.monotonic() + 60
        while api.client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "the API did not recover"
            time.sleep(0.5)
        assert api.data(query)["people"]["totalCount"] == 0
    finally:
        next(api_gen, None)


# Last: the rate limit it provokes would refuse the other tests' logins for a while.
def test_wrong_credentials_are_one_line_even_once_rate_limited(own_server: LocalServer) -> None:
    target = resolve_target(own_server.settings, start=False)
    for _ in range(4):  # Neo4j starts rate-limiting after a few failures
        _, proc = kb_cli(target, "show", "Nobody", password="wrong-password")
        assert proc.returncode != 0
        assert "Traceback" not in proc.stderr
        assert proc.stderr.startswith("kb: error:") and proc.stderr.count("\n") == 1
