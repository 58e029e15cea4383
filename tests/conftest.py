"""Fixtures: a real local Neo4j for the whole run, wiped between tests.

The server lives under <repo>/.kb/test (never the user's own KB_HOME) unless
NEO4J_URI is given explicitly, in which case that server is used as it is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from kb.db.server import LocalServer
from kb.settings import Settings
from kb.store.connection import Target, open_driver, resolve_target
from kb.store.export import export_graph
from kb.store.schema import apply_schema

# The API servers, for every test folder (pytest takes plugins from the top conftest only).
pytest_plugins = ("tests.api_fixtures",)

REPO = Path(__file__).resolve().parents[1]
TEST_HOME = REPO / ".kb" / "test"


def _test_settings() -> Settings:
    if os.environ.get("NEO4J_URI"):
        return Settings()
    return Settings(KB_HOME=TEST_HOME, KB_BOLT_PORT=int(os.environ.get("KB_TEST_BOLT_PORT", 7688)))


@dataclass
class Graph:
    """The database under test, with the ways tests reach it."""

    driver: Driver
    settings: Settings
    target: Target

    @property
    def database(self) -> str:
        return self.target.database

    def env(self) -> dict[str, str]:
        """Environment for a `kb` subprocess that must use this server."""
        env = dict(os.environ)
        env.update(NEO4J_URI=self.target.uri, NEO4J_USER=self.target.user,
                   NEO4J_PASSWORD=self.target.password, NEO4J_DATABASE=self.target.database)
        return env

    def kb(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([sys.executable, "-m", "kb", *args], env=self.env(),
                              capture_output=True, text=True, cwd=REPO, check=False)
        if check and proc.returncode != 0:
            raise AssertionError(f"kb {' '.join(args)} failed: {proc.stderr}")
        return proc

    def query(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        records = self.driver.execute_query(cypher, params, database_=self.database).records
        return [dict(r) for r in records]

    def export(self) -> dict[str, Any]:
        return export_graph(self.driver, self.database)

    def counts(self) -> dict[str, int]:
        rows = self.query(
            "CALL () { MATCH (n) UNWIND labels(n) AS k RETURN k, count(*) AS c "
            "UNION ALL MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS c } RETURN k, c"
        )
        return {r["k"]: r["c"] for r in rows}


@pytest.fixture(scope="session")
def test_settings() -> Settings:
    return _test_settings()


@pytest.fixture(scope="session")
def local_server(test_settings: Settings) -> Iterator[LocalServer | None]:
    """Start the test server (or reuse it); stop it afterwards if this run started it."""
    if not test_settings.uses_local_server:
        yield None
        return
    server = LocalServer(test_settings)
    started = server.start(say=lambda line: print(line, file=sys.stderr))
    yield server
    if started and os.environ.get("KB_TEST_KEEP_SERVER") != "1":
        server.stop(say=lambda line: None)


@pytest.fixture(scope="session")
def session_graph(test_settings: Settings, local_server: LocalServer | None) -> Iterator[Graph]:
    target = resolve_target(test_settings, start=False)
    driver = open_driver(target)
    apply_schema(driver, target.database)
    yield Graph(driver, test_settings, target)
    driver.close()


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """An empty graph (constraints and indexes kept)."""
    session_graph.driver.execute_query("MATCH (n) DETACH DELETE n",
                                       database_=session_graph.database)
    return session_graph


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real articles; absent means skip, except under CI where it must be there."""
    folder = Path(os.environ.get("KB_CORPUS_DIR", REPO.parent / "shared" / "corpus"))
    if not (folder / "nbc-metoo-2017-10-16.txt").exists():
        reason = f"the corpus is not at {folder} (set KB_CORPUS_DIR)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI must have it")
        pytest.skip(reason)
    return folder


SEED = REPO / "tests" / "fixtures" / "seed"
SEED_STEM = "hashtag-roundup"


def gold_report(folder: Path, stem: str, url: str | None = None,
                outlet: str | None = None) -> dict[str, Any]:
    """A sourced report built from an article with its meta and gold: the gold's core keys."""
    meta = json.loads((folder / f"{stem}.meta.json").read_text())
    gold = json.loads((folder / f"{stem}.gold.json").read_text())
    publication = {k: meta[k] for k in ("title", "outlet", "url", "published")}
    publication["text"] = (folder / f"{stem}.txt").read_bytes().decode("utf-8")
    if url:
        publication["url"] = url
    if outlet:
        publication["outlet"] = outlet
    report: dict[str, Any] = {"publication": publication}
    for key in ("people", "organisations", "allegations", "denials", "relations"):
        report[key] = gold[key]
    report["responses"] = gold.get("non_denial_responses", [])
    return report


def corpus_report(corpus: Path, stem: str = "nbc-metoo-2017-10-16",
                  url: str | None = None, outlet: str | None = None) -> dict[str, Any]:
    """The real article as a sourced report (tests about that article only)."""
    return gold_report(corpus, stem, url, outlet)


def seed_copy(url: str | None = None, outlet: str | None = None) -> dict[str, Any]:
    """The fictional seed (a hashtag roundup shaped like a real one), optionally re-sourced."""
    return gold_report(SEED, SEED_STEM, url, outlet)


@pytest.fixture
def seed_report() -> dict[str, Any]:
    """Most tests' data: fictional, in the repository, so a fresh clone runs them."""
    return seed_copy()
